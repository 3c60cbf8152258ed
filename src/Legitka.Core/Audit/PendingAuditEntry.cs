using System.Security.Cryptography;
using System.Text;

namespace Legitka.Audit;

/// <summary>
/// An audit entry written with its change but not yet sealed into the hash chain; <see cref="AuditSealer"/> moves it
/// into <see cref="AuditEntry"/> within a moment. Hot anonymous paths (activations) use it so that thousands of
/// concurrent transactions do not queue for the one lock that orders the chain.
/// </summary>
public sealed class PendingAuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime At { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public string? EntityId { get; init; }
    public Guid? SchoolId { get; init; }
    public string? Details { get; init; }

    /// <summary>
    /// The entry's MAC under the chain's key (<see cref="AuditChain.ComputePending"/>): until it joins the chain, an
    /// edit or a forged row is caught when it is sealed. (A deleted row is not: nothing points at it yet.)
    /// </summary>
    public string Seal { get; init; } = "";

    /// <summary>The fields of an entry not yet sealed (its sequence and hashes are set when it joins the chain).</summary>
    public static PendingAuditEntry From(AuditEntry e, AuditChainKey key) => new()
    {
        Id = e.Id, At = e.At, ActorId = e.ActorId, ActorName = e.ActorName, Action = e.Action, EntityType = e.EntityType,
        EntityId = e.EntityId, SchoolId = e.SchoolId, Details = e.Details, Seal = AuditChain.ComputePending(e, key),
    };

    /// <summary>Whether the row is as it was written: its MAC matches its fields.</summary>
    public bool IsIntact(AuditChainKey key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(AuditChain.ComputePending(ToEntry(), key)), Encoding.ASCII.GetBytes(Seal));

    public AuditEntry ToEntry() => new()
    {
        Id = Id, At = At, ActorId = ActorId, ActorName = ActorName, Action = Action, EntityType = EntityType,
        EntityId = EntityId, SchoolId = SchoolId, Details = Details,
    };
}
