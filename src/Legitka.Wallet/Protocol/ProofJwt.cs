using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Wallet.Keys;

namespace Legitka.Wallet.Protocol;

/// <summary>
/// The JWTs the wallet signs with a key carried in the <c>jwk</c> header: the OpenID4VCI key proof
/// (<c>openid4vci-proof+jwt</c>, §F.1) and the DPoP proof (<c>dpop+jwt</c>, RFC 9449 §4.2). ES256 only.
/// </summary>
public static class ProofJwt
{
    public const string KeyProofType = "openid4vci-proof+jwt";
    public const string DpopType = "dpop+jwt";

    /// <summary>
    /// The key proof for the Credential Request: header <c>typ</c>, <c>alg</c>, <c>jwk</c>; payload <c>aud</c> (the
    /// Credential Issuer Identifier), <c>iat</c> and, when the issuer has a Nonce Endpoint, <c>nonce</c>. No
    /// <c>iss</c>: the token came from anonymous pre-authorized access (§F.1).
    /// </summary>
    public static string CreateKeyProof(DeviceKey key, string audience, string? nonce, DateTimeOffset issuedAt)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("aud"u8, audience);
            writer.WriteNumber("iat"u8, issuedAt.ToUnixTimeSeconds());
            if (nonce is not null)
            {
                writer.WriteString("nonce"u8, nonce);
            }

            writer.WriteEndObject();
        }

        return Sign(key, KeyProofType, payload.WrittenSpan);
    }

    /// <summary>
    /// A DPoP proof for one request: <c>jti</c> (128 random bits), <c>htm</c>, <c>htu</c> (no query or fragment),
    /// <c>iat</c>, and <c>ath</c> (hash of the access token) when one is presented, <c>nonce</c> when the server gave one.
    /// </summary>
    public static string CreateDpopProof(DeviceKey key, string method, Uri target, DateTimeOffset issuedAt, string? accessToken, string? nonce)
    {
        Span<byte> jti = stackalloc byte[16];
        RandomNumberGenerator.Fill(jti);
        var payload = new ArrayBufferWriter<byte>(320);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("jti"u8, Base64Url.EncodeToString(jti));
            writer.WriteString("htm"u8, method);
            writer.WriteString("htu"u8, target.GetLeftPart(UriPartial.Path));
            writer.WriteNumber("iat"u8, issuedAt.ToUnixTimeSeconds());
            if (accessToken is not null)
            {
                writer.WriteString("ath"u8, AccessTokenHash(accessToken));
            }

            if (nonce is not null)
            {
                writer.WriteString("nonce"u8, nonce);
            }

            writer.WriteEndObject();
        }

        return Sign(key, DpopType, payload.WrittenSpan);
    }

    /// <summary>The <c>ath</c> claim: base64url(SHA-256(ASCII(access token))).</summary>
    public static string AccessTokenHash(string accessToken)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
        return Base64Url.EncodeToString(hash);
    }

    private static string Sign(DeviceKey key, string type, ReadOnlySpan<byte> payloadJson)
    {
        var header = new ArrayBufferWriter<byte>(192);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("typ"u8, type);
            writer.WriteString("alg"u8, Es256.Algorithm);
            writer.WritePropertyName("jwk"u8);
            key.PublicJwk.WriteTo(writer, includeUsage: false);
            writer.WriteEndObject();
        }

        int headerLength = Base64Url.GetEncodedLength(header.WrittenCount);
        int payloadLength = Base64Url.GetEncodedLength(payloadJson.Length);
        int signingLength = headerLength + 1 + payloadLength;
        int total = signingLength + 1 + Base64Url.GetEncodedLength(Es256.SignatureSize);
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var span = buffer.AsSpan(0, total);
            Base64Url.EncodeToUtf8(header.WrittenSpan, span);
            span[headerLength] = (byte)'.';
            Base64Url.EncodeToUtf8(payloadJson, span[(headerLength + 1)..]);
            Span<byte> signature = stackalloc byte[Es256.SignatureSize];
            int written = key.Sign(span[..signingLength], signature);
            span[signingLength] = (byte)'.';
            Base64Url.EncodeToUtf8(signature[..written], span[(signingLength + 1)..]);
            return Encoding.ASCII.GetString(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
