using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Legitka.Codes;

namespace Legitka.Issuance;

/// <summary>
/// Pre-authorized codes that carry their offer and minting time under a MAC, so that fetching an offer writes
/// nothing. Each scan of a slip gets its own code, and a phone that scans twice keeps both working; whichever
/// reaches the token endpoint first with the activation code redeems the offer, once (<see cref="Offers.RedeemAsync"/>).
/// </summary>
public sealed class PreAuthorizedCodes(CodeHasher hasher, TimeProvider clock)
{
    private const byte Version = 1;
    private const int RandomBytes = 8;
    private const int MacBytes = 16;
    private const int BodyBytes = 1 + 16 + 8 + RandomBytes;
    private const int TotalBytes = BodyBytes + MacBytes;

    /// <summary>
    /// A new code for the offer. <paramref name="notBefore"/> is when the offer was last opened again, perhaps by a
    /// node whose clock runs ahead of ours: a code minted here must not look older than that reopening.
    /// </summary>
    public string Mint(Guid offerId, DateTime? notBefore = null)
    {
        Span<byte> raw = stackalloc byte[TotalBytes];
        raw[0] = Version;
        offerId.TryWriteBytes(raw[1..17], bigEndian: true, out _);
        var mintedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (notBefore is { } reopened)
        {
            mintedAt = Math.Max(mintedAt, new DateTimeOffset(reopened, TimeSpan.Zero).ToUnixTimeMilliseconds());
        }

        BinaryPrimitives.WriteInt64BigEndian(raw[17..25], mintedAt);
        RandomNumberGenerator.Fill(raw[25..BodyBytes]);
        Mac(raw[..BodyBytes]).AsSpan(0, MacBytes).CopyTo(raw[BodyBytes..]);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>The offer and minting time of a code this issuer made and that has not expired; null otherwise.</summary>
    public MintedCode? Read(string code)
    {
        Span<byte> raw = stackalloc byte[TotalBytes];
        if (code.Length > 100 || !Base64Url.IsValid(code, out var length) || length != TotalBytes
            || Base64Url.DecodeFromChars(code, raw) != TotalBytes || raw[0] != Version
            || !CryptographicOperations.FixedTimeEquals(Mac(raw[..BodyBytes]).AsSpan(0, MacBytes), raw[BodyBytes..]))
        {
            return null;
        }

        var mintedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(raw[17..25]));
        return clock.GetUtcNow() < mintedAt + CodeRules.PreAuthorizedCodeLifetime
            ? new MintedCode(new Guid(raw[1..17], bigEndian: true), mintedAt.UtcDateTime)
            : null;
    }

    private byte[] Mac(ReadOnlySpan<byte> body) => hasher.Hash(HashPurpose.PreAuthorizedCode, Convert.ToBase64String(body));
}

/// <summary>What a valid pre-authorized code says: which offer, minted when.</summary>
public sealed record MintedCode(Guid OfferId, DateTime MintedAt);
