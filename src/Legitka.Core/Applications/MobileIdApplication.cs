namespace Legitka.Applications;

/// <summary>
/// A guardian's (or adult pupil's) request to the director for an mLegitymacja — or, under the opt-out policy,
/// their objection to one. Online or recorded by the secretary from paper.
/// </summary>
public sealed class MobileIdApplication
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid PupilId { get; init; }
    public ApplicationKind Kind { get; init; }
    public ApplicationSource Source { get; init; }
    public Guid? SubmittedById { get; init; }
    public required string SubmittedByName { get; init; }
    public DateTime SubmittedAt { get; init; }
    public ApplicationState State { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
}

public enum ApplicationKind
{
    /// <summary>Wniosek: "please issue an mLegitymacja" (the policy of the seeds).</summary>
    Application,
    /// <summary>Sprzeciw: "do not issue one" (the 2023 opt-out policy).</summary>
    Objection,
}

public enum ApplicationSource
{
    Online,
    Paper,
}

public enum ApplicationState
{
    Pending,
    Approved,
    Declined,
    Withdrawn,

    /// <summary>Pending when the school began issuing to every pupil without an application: no longer needed.</summary>
    Closed,
}
