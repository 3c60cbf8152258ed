using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Audit;

/// <summary>
/// The keyed hash chain over audit entries: how entries are sealed (HMAC-SHA256 under <see cref="AuditChainKey"/>)
/// and how the chain is checked.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static void Seal(AuditEntry entry, long sequence, string previousHash, AuditChainKey key)
    {
        entry.Sequence = sequence;
        entry.PreviousHash = previousHash;
        entry.KeyVersion = AuditChainKey.Version;
        entry.Hash = Compute(entry, key);
    }

    public static string Compute(AuditEntry e, AuditChainKey key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Canonical(e, e.Sequence, e.PreviousHash)));

    /// <summary>
    /// The MAC an entry audited for later carries until it joins the chain: no place in the chain yet, so sequence 0
    /// (never a chain position) and its id where the previous hash goes.
    /// </summary>
    public static string ComputePending(AuditEntry e, AuditChainKey key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Canonical(e, 0, $"pending:{e.Id}")));

    /// <summary>The plain SHA-256 that sealed the chain before it was keyed (key version 0).</summary>
    internal static string ComputeUnkeyed(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Canonical(e, e.Sequence, e.PreviousHash)));

    private static byte[] Canonical(AuditEntry e, long sequence, string previousHash)
    {
        // Unit separators keep field boundaries unambiguous; timestamps at microsecond precision so
        // every database stores exactly what was hashed.
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture),
            previousHash,
            e.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            e.ActorId?.ToString() ?? "",
            e.ActorName,
            e.Action,
            e.EntityType,
            e.EntityId ?? "",
            e.SchoolId?.ToString() ?? "",
            e.Details ?? "");
        return Encoding.UTF8.GetBytes(canonical);
    }

    /// <summary>
    /// Checks the whole chain of this database, in sequence order; the first break is reported. Entries written before
    /// the chain was keyed (<see cref="AuditEntry.KeyVersion"/> 0, plain SHA-256) are accepted only as the chain's
    /// beginning and only when the next entry is the upgrade's keyed <see cref="AnchorAction"/>, whose MAC covers the
    /// hash of the last of them: rewriting any of them breaks that link, and so does turning keyed entries into unkeyed ones.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(LegitkaDbContext db, AuditChainKey key, CancellationToken ct = default)
    {
        var expectedSequence = 1L;
        var previousHash = GenesisHash;
        var (unkeyed, anchored, anchoredAt) = (0L, false, (DateTime?)null);
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            (long BrokenAt, string? Problem) check = entry.Sequence != expectedSequence ? (entry.Sequence, $"entry #{expectedSequence} is missing (next present is #{entry.Sequence})")
                : entry.PreviousHash != previousHash ? (entry.Sequence, $"entry #{entry.Sequence} does not follow the hash of entry #{entry.Sequence - 1}")
                : entry.KeyVersion switch
                {
                    AuditChainKey.Version when !Matches(Compute(entry, key), entry.Hash) => (entry.Sequence, $"entry #{entry.Sequence} was altered after it was written"),
                    AuditChainKey.Version when unkeyed > 0 && !anchored && entry.Action != AnchorAction => (1, Unanchored(unkeyed)),
                    AuditChainKey.Version => (0, null),
                    0 when unkeyed != expectedSequence - 1 => (entry.Sequence, $"entry #{entry.Sequence} is sealed without the chain's key after keyed " +
                        "entries: rewritten by someone who could write to the database, or written by a node of an earlier release"),
                    0 when !Matches(ComputeUnkeyed(entry), entry.Hash) => (entry.Sequence, $"entry #{entry.Sequence} was altered after it was written"),
                    0 => (0, null),
                    _ => (entry.Sequence, $"entry #{entry.Sequence} names a key version this release does not know ({entry.KeyVersion})"),
                };
            if (check.Problem is not null)
            {
                return new AuditVerification(expectedSequence - 1, check.BrokenAt, check.Problem, unkeyed);
            }

            if (entry.KeyVersion == AuditChainKey.Version && unkeyed > 0 && !anchored)
            {
                (anchored, anchoredAt) = (true, entry.At);
            }

            unkeyed += entry.KeyVersion == 0 ? 1 : 0;
            previousHash = entry.Hash;
            expectedSequence++;
        }

        return unkeyed > 0 && !anchored
            ? new AuditVerification(0, 1, Unanchored(unkeyed), unkeyed)
            : new AuditVerification(expectedSequence - 1, null, null, unkeyed, anchoredAt);
    }

    /// <summary>The keyed entry the upgrade appends right after the entries written before the chain was keyed.</summary>
    public const string AnchorAction = "audit.keyed";

    private static string Unanchored(long unkeyed) =>
        $"entries #1–#{unkeyed} are sealed without the chain's key and not anchored by the upgrade's keyed entry: rewritten by someone " +
        "who could write to the database (or an upgrade stopped before its anchor: see `legitka audit anchor`)";

    private static bool Matches(string computed, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(stored));

    public static DateTime TruncateToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, DateTimeKind.Utc);
}

/// <param name="Unkeyed">Entries at the chain's beginning sealed before it was keyed (plain SHA-256), pinned by the upgrade's anchor.</param>
/// <param name="AnchoredAt">When that anchor was written: the upgrade's date, or else the date of a rewrite.</param>
public sealed record AuditVerification(long EntriesChecked, long? BrokenAt, string? Problem, long Unkeyed = 0, DateTime? AnchoredAt = null)
{
    public bool Intact => BrokenAt is null;
}
