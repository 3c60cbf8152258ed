using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Legitka.Codes;

namespace Legitka.Issuance;

/// <summary>
/// Access tokens that carry what the credential and notification endpoints need — the redeemed offer, its pupil and
/// school, when the token was issued and the DPoP key it is bound to — under a MAC (<see cref="SealedValue"/>), so
/// those endpoints need no lookup to trust them. Whether the offer still stands is settled where it matters, in the
/// statement that records the credential (<see cref="CredentialIssuance"/>).
/// </summary>
public sealed class AccessTokens(CodeHasher hasher, TimeProvider clock)
{
    private const byte Version = 1;
    private const int ThumbprintBytes = 32;
    private const int BodyBytes = 1 + 16 + 16 + 16 + 8 + 1 + ThumbprintBytes + 8; // version, offer, pupil, school, issued (ms), bound, key, random

    /// <summary>A token for a just-redeemed offer, bound to the wallet's DPoP key when it sent one.</summary>
    public string Issue(Guid offerId, Guid pupilId, Guid schoolId, DateTime issuedAt, string? keyThumbprint)
    {
        Span<byte> body = stackalloc byte[BodyBytes];
        body[0] = Version;
        offerId.TryWriteBytes(body[1..17], bigEndian: true, out _);
        pupilId.TryWriteBytes(body[17..33], bigEndian: true, out _);
        schoolId.TryWriteBytes(body[33..49], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(body[49..57], new DateTimeOffset(issuedAt, TimeSpan.Zero).ToUnixTimeMilliseconds());
        if (keyThumbprint is not null)
        {
            // An RFC 7638 thumbprint is the base64url of a SHA-256: 32 bytes.
            body[57] = 1;
            if (!Base64Url.TryDecodeFromChars(keyThumbprint, body[58..90], out var written) || written != ThumbprintBytes)
            {
                throw new ArgumentException("Not a SHA-256 JWK thumbprint.", nameof(keyThumbprint));
            }
        }

        RandomNumberGenerator.Fill(body[90..]);
        return SealedValue.Seal(hasher, HashPurpose.AccessToken, body);
    }

    /// <summary>What a token says, if this issuer made it, it has not expired and the request holds its DPoP key.</summary>
    public (AccessTokenClaims? Claims, OAuthError? Error) Read(string token, string? keyThumbprint)
    {
        Span<byte> body = stackalloc byte[BodyBytes];
        if (!SealedValue.TryOpen(hasher, HashPurpose.AccessToken, token, body) || body[0] != Version)
        {
            return (null, OAuthError.InvalidToken("Unknown access token."));
        }

        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(body[49..57]));
        if (clock.GetUtcNow() >= issuedAt + CodeRules.AccessTokenLifetime)
        {
            return (null, OAuthError.InvalidToken("The access token has expired."));
        }

        // A DPoP-bound token is useless without the key it is bound to (RFC 9449 §7.1).
        Span<byte> presented = stackalloc byte[ThumbprintBytes];
        if (body[57] == 1 && (keyThumbprint is null || !Base64Url.TryDecodeFromChars(keyThumbprint, presented, out var written) || written != ThumbprintBytes
                || !presented.SequenceEqual(body[58..90])))
        {
            return (null, OAuthError.InvalidToken("The access token is bound to another DPoP key."));
        }

        return (new AccessTokenClaims(new Guid(body[1..17], bigEndian: true), new Guid(body[17..33], bigEndian: true),
            new Guid(body[33..49], bigEndian: true), issuedAt.UtcDateTime), null);
    }
}

/// <summary>What a valid access token says: the redeemed offer, its pupil and school, and when it was issued.</summary>
public sealed record AccessTokenClaims(Guid OfferId, Guid PupilId, Guid SchoolId, DateTime IssuedAt);
