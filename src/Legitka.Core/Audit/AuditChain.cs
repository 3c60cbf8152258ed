using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Legitka.Audit;

/// <summary>The hash chain over audit entries: how entries are sealed and how the chain is checked.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static void Seal(AuditEntry entry, long sequence, string previousHash)
    {
        entry.Sequence = sequence;
        entry.PreviousHash = previousHash;
        entry.Hash = Compute(entry);
    }

    public static string Compute(AuditEntry e)
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Walks entries in sequence order; the first break is reported.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> ordered, CancellationToken ct = default)
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

            if (Compute(entry) != entry.Hash)
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence,
                    $"entry #{entry.Sequence} was altered after it was written");
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
