using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Legitka.Audit;

/// <summary>
/// Seals a chain written before the chain was keyed (plain SHA-256) with <see cref="AuditChainKey"/>, once, when a
/// node of this release first starts on such a database — after checking that the old chain is intact, so that the
/// key never vouches for entries altered before it. A broken old chain stays as it is, for `audit verify` to name.
/// </summary>
public static class UnkeyedChainUpgrade
{
    private const int PageSize = 1_000;

    /// <summary>Returns how many entries were resealed: none when the chain is empty, keyed already, or broken.</summary>
    public static async Task<int> SealWithKeyAsync(LegitkaDbContext db, AuditChainKey key, ILogger logger, CancellationToken ct)
    {
        if (await UnkeyedHeadAsync(db, ct) is null)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditAppendLock.AcquireAsync(db, ct);
        // Again under the chain's lock: another node starting at the same moment may have resealed it meanwhile.
        if (await UnkeyedHeadAsync(db, ct) is not { } head)
        {
            return 0;
        }

        var old = await AuditChain.VerifyAsync(db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(),
            AuditChain.ComputeUnkeyed, ct);
        if (!old.Intact)
        {
            logger.LogError("The audit chain was broken before it could be keyed ({Problem}); it stays as it is, and `legitka audit verify` reports it", old.Problem);
            return 0;
        }

        var (after, previous) = (0L, AuditChain.GenesisHash);
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entry in page)
            {
                AuditChain.Seal(entry, entry.Sequence, previous, key);
                previous = entry.Hash;
            }

            await WriteHashesAsync(db, page, ct);
            after = page[^1].Sequence;
        }

        db.Audit(Actor.System, "audit.resealed", "AuditChain", null, null, new { entries = old.EntriesChecked, unkeyed_head = head });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Sealed the audit chain's {Entries} entries with the local secret's key (it was plain SHA-256 before)", old.EntriesChecked);
        return (int)old.EntriesChecked;
    }

    /// <summary>
    /// The newest entry's hash when both it and the first entry are sealed without the key; else null. A chain whose
    /// first entry is keyed has been keyed since the upgrade, so unkeyed entries later in it are a rewrite, for
    /// `audit verify` to name (the full check below would refuse it too, with a misleading message, at every start).
    /// </summary>
    private static async Task<string?> UnkeyedHeadAsync(LegitkaDbContext db, CancellationToken ct)
    {
        var first = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).FirstOrDefaultAsync(ct);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        return first is not null && head is not null && AuditChain.ComputeUnkeyed(first) == first.Hash && AuditChain.ComputeUnkeyed(head) == head.Hash
            ? head.Hash
            : null;
    }

    private static async Task WriteHashesAsync(LegitkaDbContext db, List<AuditEntry> page, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE "AuditEntries" AS a SET "PreviousHash" = v.p, "Hash" = v.h
                FROM unnest({0}::bigint[], {1}::text[], {2}::text[]) AS v(s, p, h) WHERE a."Sequence" = v.s
                """,
                [page.Select(e => e.Sequence).ToArray(), page.Select(e => e.PreviousHash).ToArray(), page.Select(e => e.Hash).ToArray()], ct);
            return;
        }

        // SQLite runs in the process: one short statement per entry costs microseconds.
        foreach (var entry in page)
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "PreviousHash" = {0}, "Hash" = {1} WHERE "Sequence" = {2}""",
                [entry.PreviousHash, entry.Hash, entry.Sequence], ct);
        }
    }
}
