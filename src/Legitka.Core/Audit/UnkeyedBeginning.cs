using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Audit;

/// <summary>
/// Pins the entries an earlier release sealed with plain SHA-256 under the chain's key: a keyed
/// <see cref="AuditChain.AnchorAction"/> entry right after them, whose MAC covers the last one's hash. Appended once, by
/// the start that applies the upgrade (<c>DatabaseSetup</c>), so that no later start can pin a chain a database writer
/// has rewritten since; after an interrupted upgrade the operator does it (`legitka audit anchor`).
/// </summary>
public static class UnkeyedBeginning
{
    /// <summary>Appends the anchor if the chain ends in unkeyed entries; returns how many it pinned (0: nothing to do).</summary>
    public static async Task<long> AnchorAsync(LegitkaDbContext db, Actor actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditAppendLock.AcquireAsync(db, ct);
        // Under the chain's lock: two nodes applying the upgrade at once anchor it once.
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash, e.KeyVersion })
            .FirstOrDefaultAsync(ct);
        if (head is not { KeyVersion: 0 })
        {
            return 0;
        }

        await db.AppendAuditEntriesAsync([db.NewAuditEntry(actor, AuditChain.AnchorAction, "AuditChain", null, null,
            new { unkeyed_entries = head.Sequence, unkeyed_head = head.Hash })], ct);
        await transaction.CommitAsync(ct);
        return head.Sequence;
    }

    /// <summary>Whether the chain ends in unkeyed entries, so that nothing can be audited until they are anchored.</summary>
    public static async Task<bool> AwaitsAnchorAsync(LegitkaDbContext db, CancellationToken ct) =>
        await db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => (int?)e.KeyVersion).FirstOrDefaultAsync(ct) == 0;
}
