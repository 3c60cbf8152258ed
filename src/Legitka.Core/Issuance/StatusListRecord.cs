namespace Legitka.Issuance;

/// <summary>
/// One Token Status List. Its bits are not stored: they are derived from which <see cref="IssuedMobileId"/>s have
/// ended, so the list can never disagree with the register. Entries are handed out in order, in blocks to each node
/// (<see cref="Allocated"/>), and scattered by <see cref="StatusIndexPermutation"/>; the credentials table's unique
/// index per list stands guard.
/// </summary>
public sealed class StatusListRecord
{
    public int Id { get; init; }
    /// <summary>Entries in the list; a full list is replaced by a new one.</summary>
    public int Size { get; init; }
    /// <summary>How many entries nodes have taken (some perhaps unused, by a node that stopped); the next block starts here.</summary>
    public int Allocated { get; set; }
    public DateTime CreatedAt { get; init; }
    public bool Accepting { get; set; } = true;
}
