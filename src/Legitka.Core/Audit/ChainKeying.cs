using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Audit;

/// <summary>
/// `legitka audit seal-with-key`: seals a chain begun before the chain was keyed (its first entries plain SHA-256)
/// with <see cref="AuditChainKey"/>, all of it, in one transaction — after checking that it is intact, so that the key
/// never vouches for entries altered before it. An operator's step, run once after the upgrade, never automatic: a
/// start that re-sealed whatever unkeyed chain it found would re-seal a whole chain rewritten by a database writer.
/// </summary>
public static class ChainKeying
{
    private const int PageSize = 1_000;

    public static async Task<ChainKeyingResult> SealWithKeyAsync(LegitkaDbContext db, AuditChainKey key, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditAppendLock.AcquireAsync(db, ct);
        var chain = await AuditChain.VerifyAsync(db, key, ct);
        if (!chain.Intact || chain.Unkeyed == 0)
        {
            return new ChainKeyingResult(chain, 0);
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

            await WriteSealsAsync(db, page, ct);
            after = page[^1].Sequence;
        }

        db.Audit(Actor.Cli(), "audit.sealed-with-key", "AuditChain", null, null, new { entries = chain.EntriesChecked, unkeyed = chain.Unkeyed });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ChainKeyingResult(chain, chain.EntriesChecked);
    }

    private static async Task WriteSealsAsync(LegitkaDbContext db, List<AuditEntry> page, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE "AuditEntries" AS a SET "PreviousHash" = v.p, "Hash" = v.h, "KeyVersion" = {3}
                FROM unnest({0}::bigint[], {1}::text[], {2}::text[]) AS v(s, p, h) WHERE a."Sequence" = v.s
                """,
                [page.Select(e => e.Sequence).ToArray(), page.Select(e => e.PreviousHash).ToArray(), page.Select(e => e.Hash).ToArray(), AuditChainKey.Version],
                ct);
            return;
        }

        // SQLite runs in the process: one short statement per entry costs microseconds.
        foreach (var entry in page)
        {
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "AuditEntries" SET "PreviousHash" = {0}, "Hash" = {1}, "KeyVersion" = {2} WHERE "Sequence" = {3}""",
                [entry.PreviousHash, entry.Hash, AuditChainKey.Version, entry.Sequence], ct);
        }
    }
}

/// <param name="Before">The chain as it was found.</param>
/// <param name="Sealed">Entries sealed with the key now: none if the chain was broken or keyed throughout already.</param>
public sealed record ChainKeyingResult(AuditVerification Before, long Sealed);
