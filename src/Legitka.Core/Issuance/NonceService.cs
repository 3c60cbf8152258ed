using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Legitka.Codes;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Issuance;

/// <summary>
/// <c>c_nonce</c> values that cost nothing to hand out: expiry and randomness under a MAC, so the nonce endpoint
/// writes nothing. A nonce is spent by inserting it into <see cref="ConsumedNonce"/>, whose key refuses a replay.
/// </summary>
public sealed class NonceService(CodeHasher hasher, TimeProvider clock)
{
    private const int RandomBytes = 16;
    private const int MacBytes = 16;

    public string Create()
    {
        Span<byte> raw = stackalloc byte[8 + RandomBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(raw, (clock.GetUtcNow() + CodeRules.NonceLifetime).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(raw.Slice(8, RandomBytes));
        Mac(raw[..(8 + RandomBytes)]).AsSpan(0, MacBytes).CopyTo(raw[(8 + RandomBytes)..]);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>Whether the nonce is ours and unexpired; returns its expiry for <see cref="TrySpendAsync"/>.</summary>
    public bool IsValid(string nonce, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        Span<byte> raw = stackalloc byte[8 + RandomBytes + MacBytes];
        if (nonce.Length > 64 || !Base64Url.IsValid(nonce, out var length) || length != raw.Length
            || Base64Url.DecodeFromChars(nonce, raw) != raw.Length)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(raw[..(8 + RandomBytes)]).AsSpan(0, MacBytes), raw[(8 + RandomBytes)..]))
        {
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(raw));
        return clock.GetUtcNow() < expiresAt;
    }

    /// <summary>Records the nonce as used, inside the caller's transaction; false if it was used before.</summary>
    public static async Task<bool> TrySpendAsync(LegitkaDbContext db, string nonce, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var inserted = db.Database.IsNpgsql()
            ? await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "ConsumedNonces" ("Value", "ExpiresAt") VALUES ({nonce}, {expiresAt.UtcDateTime}) ON CONFLICT DO NOTHING""", ct)
            : await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT OR IGNORE INTO "ConsumedNonces" ("Value", "ExpiresAt") VALUES ({nonce}, {expiresAt.UtcDateTime}) """, ct);
        return inserted == 1;
    }

    /// <summary>Forgets spent nonces that have expired anyway.</summary>
    public static Task<int> PurgeAsync(LegitkaDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.ConsumedNonces.Where(n => n.ExpiresAt < now.UtcDateTime).ExecuteDeleteAsync(ct);

    private byte[] Mac(ReadOnlySpan<byte> data) => hasher.Hash(HashPurpose.Nonce, Convert.ToBase64String(data));
}
