namespace Legitka.Registry;

/// <summary>
/// A guardian's e-mail linked to a pupil, as the e-diary provides it. A portal account whose confirmed
/// e-mail matches sees the pupil; the link lives on the pupil so one guardian can span schools.
/// </summary>
public sealed class PupilGuardian
{
    public Guid PupilId { get; init; }
    /// <summary>Lower-case e-mail address.</summary>
    public required string Email { get; init; }
}
