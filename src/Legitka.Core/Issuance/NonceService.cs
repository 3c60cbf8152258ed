using System.Buffers.Binary;
using System.Security.Cryptography;
using Legitka.Codes;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Issuance;

/// <summary>
/// <c>c_nonce</c> values that cost nothing to hand out: expiry and randomness under a MAC (<see cref="SealedValue"/>),
/// so the nonce endpoint writes nothing. A nonce is spent by inserting it into <see cref="ConsumedNonce"/>, whose key
/// refuses a replay.
/// </summary>
public sealed class NonceService(CodeHasher hasher, TimeProvider clock)
{
    private const int BodyBytes = 8 + 16; // expiry (s), random

    public string Create()
    {
        Span<byte> body = stackalloc byte[BodyBytes];
        BinaryPrimitives.WriteInt64BigEndian(body, (clock.GetUtcNow() + CodeRules.NonceLifetime).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(body[8..]);
        return SealedValue.Seal(hasher, HashPurpose.Nonce, body);
    }

    /// <summary>Whether the nonce is ours and unexpired; returns its expiry for <see cref="TrySpendAsync"/>.</summary>
    public bool IsValid(string nonce, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        Span<byte> body = stackalloc byte[BodyBytes];
        if (!SealedValue.TryOpen(hasher, HashPurpose.Nonce, nonce, body))
        {
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(body));
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

}
