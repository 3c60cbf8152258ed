using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Legitka.Audit;

/// <summary>
/// Pins the entries an earlier release sealed with plain SHA-256 under the chain's key: a keyed
/// <see cref="AuditChain.AnchorAction"/> entry right after them, whose MAC covers the last one's hash. Appended by the
/// start that applies the upgrade (<c>DatabaseSetup</c>); after an interrupted upgrade the operator does it
/// (`legitka audit anchor`). Whether the upgrade is pending is the database's word, which a database writer can fake
/// (drop the new columns, delete the migration's history row, rewrite the chain, wait for a restart): so a node
/// remembers in its data directory that it has been through the upgrade and refuses to go through it again, the
/// anchor is logged as a warning, and `audit verify` prints its date.
/// </summary>
public static class UnkeyedBeginning
{
    private const string MarkerFileName = "audit-chain-keyed";

    /// <summary>The upgrade's anchor, unless this node went through the upgrade before (see the class summary).</summary>
    public static async Task AnchorAtUpgradeAsync(LegitkaDbContext db, string dataDirectory, ILogger logger, CancellationToken ct)
    {
        var marker = Path.Combine(dataDirectory, "keys", MarkerFileName);
        if (!await AwaitsAnchorAsync(db, ct))
        {
            // A new database, or one whose chain was empty: nothing to pin, but the node remembers it has been here.
            await RememberAsync(marker, db.Clock, ct);
            return;
        }

        if (File.Exists(marker))
        {
            logger.LogError("This node went through the upgrade that keys the audit chain on {Date}, yet the database asks for it again: " +
                "restored from a backup of before the upgrade, or tampered with. Not anchoring; audited changes are refused until " +
                "the chain is checked with `legitka audit verify` and anchored with `legitka audit anchor` (delete {Marker} if the restore was intended)",
                await File.ReadAllTextAsync(marker, ct), marker);
            return;
        }

        var anchored = await AnchorAsync(db, Actor.System, ct);
        await RememberAsync(marker, db.Clock, ct);
        if (anchored > 0)
        {
            logger.LogWarning("Anchored the audit log's {Entries} entries from before the chain was keyed. This happens once, at the upgrade; " +
                "if nobody just upgraded this deployment, its audit log has been tampered with", anchored);
        }
    }

    private static async Task RememberAsync(string marker, TimeProvider clock, CancellationToken ct)
    {
        if (!File.Exists(marker))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            await File.WriteAllTextAsync(marker, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }

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
