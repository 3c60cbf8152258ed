using System.Buffers.Binary;
using System.Security.Cryptography;
using Legitka.Codes;

namespace Legitka.Issuance;

/// <summary>
/// Pre-authorized codes that carry their offer and minting time under a MAC (<see cref="SealedValue"/>), so that
/// fetching an offer writes nothing. Each scan of a slip gets its own code, and a phone that scans twice keeps both
/// working; whichever reaches the token endpoint first with the activation code redeems the offer, once
/// (<see cref="Offers.RedeemAsync"/>).
/// </summary>
public sealed class PreAuthorizedCodes(CodeHasher hasher, TimeProvider clock)
{
    private const byte Version = 1;
    private const int BodyBytes = 1 + 16 + 8 + 8; // version, offer, minted at (ms), random

    /// <summary>
    /// A new code for the offer. <paramref name="notBefore"/> is when the offer was last opened again, perhaps by a
    /// node whose clock runs ahead of ours: a code minted here must not look older than that reopening.
    /// </summary>
    public string Mint(Guid offerId, DateTime? notBefore = null)
    {
        Span<byte> body = stackalloc byte[BodyBytes];
        body[0] = Version;
        offerId.TryWriteBytes(body[1..17], bigEndian: true, out _);
        var mintedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (notBefore is { } reopened)
        {
            mintedAt = Math.Max(mintedAt, new DateTimeOffset(reopened, TimeSpan.Zero).ToUnixTimeMilliseconds());
        }

        BinaryPrimitives.WriteInt64BigEndian(body[17..25], mintedAt);
        RandomNumberGenerator.Fill(body[25..]);
        return SealedValue.Seal(hasher, HashPurpose.PreAuthorizedCode, body);
    }

    /// <summary>The offer and minting time of a code this issuer made and that has not expired; null otherwise.</summary>
    public MintedCode? Read(string code)
    {
        Span<byte> body = stackalloc byte[BodyBytes];
        if (!SealedValue.TryOpen(hasher, HashPurpose.PreAuthorizedCode, code, body) || body[0] != Version)
        {
            return null;
        }

        var mintedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(body[17..25]));
        return clock.GetUtcNow() < mintedAt + CodeRules.PreAuthorizedCodeLifetime
            ? new MintedCode(new Guid(body[1..17], bigEndian: true), mintedAt.UtcDateTime)
            : null;
    }
}

/// <summary>What a valid pre-authorized code says: which offer, minted when.</summary>
public sealed record MintedCode(Guid OfferId, DateTime MintedAt);
