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

    /// <summary>Whether the nonce is ours and unexpired; returns its expiry, until which a spent one is remembered.</summary>
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

    /// <summary>
    /// Records the values as used, in one statement; false if any was used before. With more than one value the caller
    /// must hold a transaction and roll it back on false, since the others went in.
    /// </summary>
    public static async Task<bool> TrySpendAsync(LegitkaDbContext db, IReadOnlyList<OneTimeValue> values, CancellationToken ct)
    {
        var rows = string.Join(", ", values.Select((_, i) => $"({{{2 * i}}}, {{{2 * i + 1}}})"));
        var sql = db.Database.IsNpgsql()
            ? $"""INSERT INTO "ConsumedNonces" ("Value", "ExpiresAt") VALUES {rows} ON CONFLICT DO NOTHING"""
            : $"""INSERT OR IGNORE INTO "ConsumedNonces" ("Value", "ExpiresAt") VALUES {rows}""";
        var parameters = values.SelectMany(v => new object[] { v.Value, v.RememberUntil.UtcDateTime });
        return await db.Database.ExecuteSqlRawAsync(sql, parameters, ct) == values.Count;
    }

    /// <summary>Forgets spent nonces that have expired anyway.</summary>
    public static Task<int> PurgeAsync(LegitkaDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.ConsumedNonces.Where(n => n.ExpiresAt < now.UtcDateTime).ExecuteDeleteAsync(ct);
}
