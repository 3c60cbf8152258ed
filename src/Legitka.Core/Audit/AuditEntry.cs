namespace Legitka.Audit;

/// <summary>
/// One line of the append-only audit log. Each entry's hash covers the previous entry's hash, so a change
/// or removal anywhere in the chain is detected by <see cref="AuditChain.VerifyAsync"/>.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Position in the chain, from 1 without gaps; unique, so two writers can never seal the same one.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public string? EntityId { get; init; }
    public Guid? SchoolId { get; init; }
    public string? Details { get; init; }
    public string PreviousHash { get; set; } = "";

    /// <summary>
    /// How <see cref="Hash"/> was made: 0, plain SHA-256 (entries written before the chain was keyed), or
    /// <see cref="AuditChainKey.Version"/>. No default in the PostgreSQL schema, so a node of an earlier release still running
    /// cannot append an unkeyed entry after keyed ones (its insert fails) once the database is upgraded.
    /// </summary>
    public int KeyVersion { get; set; }
    public string Hash { get; set; } = "";
}
