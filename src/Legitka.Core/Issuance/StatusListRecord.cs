namespace Legitka.Issuance;

/// <summary>
/// One Token Status List. Its bits are not stored: they are derived from which <see cref="IssuedMobileId"/>s have
/// ended, so the list can never disagree with the register. Indices are drawn at random and, being unique per list
/// in the credentials table, never reused.
/// </summary>
public sealed class StatusListRecord
{
    public int Id { get; init; }
    /// <summary>Entries in the list; a full list (half used) is replaced by a new one.</summary>
    public int Size { get; init; }
    public DateTime CreatedAt { get; init; }
    public bool Accepting { get; set; } = true;
}
