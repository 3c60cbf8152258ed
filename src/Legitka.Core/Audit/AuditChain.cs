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
        entry.Hash = Compute(entry, key);
    }

    public static string Compute(AuditEntry e, AuditChainKey key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Canonical(e)));

    /// <summary>The plain SHA-256 that sealed the chain before it was keyed; read only to reseal an old chain.</summary>
    internal static string ComputeUnkeyed(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Canonical(e)));

    private static byte[] Canonical(AuditEntry e)
    {
        // Unit separators keep field boundaries unambiguous; timestamps at microsecond precision so
        // every database stores exactly what was hashed.
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.PreviousHash,
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

    /// <summary>Checks the whole chain of this database, in sequence order; the first break is reported.</summary>
    public static Task<AuditVerification> VerifyAsync(LegitkaDbContext db, AuditChainKey key, CancellationToken ct = default) =>
        VerifyAsync(db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), e => Compute(e, key), ct);

    /// <summary>Walks entries in sequence order, each sealed by <paramref name="seal"/>; the first break is reported.</summary>
    internal static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> ordered, Func<AuditEntry, string> seal,
        CancellationToken ct = default)
    {
        var expectedSequence = 1L;
        var previousHash = GenesisHash;
        await foreach (var entry in ordered.WithCancellation(ct))
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence,
                    $"entry #{expectedSequence} is missing (next present is #{entry.Sequence})");
            }

            if (entry.PreviousHash != previousHash)
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence,
                    $"entry #{entry.Sequence} does not follow the hash of entry #{entry.Sequence - 1}");
            }

            if (seal(entry) != entry.Hash)
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence, ComputeUnkeyed(entry) == entry.Hash
                    ? $"entry #{entry.Sequence} is sealed without the chain's key: rewritten by someone who could write to the database"
                    : $"entry #{entry.Sequence} was altered after it was written");
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        return new AuditVerification(expectedSequence - 1, null, null);
    }

    public static DateTime TruncateToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, DateTimeKind.Utc);
}

public sealed record AuditVerification(long EntriesChecked, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}
