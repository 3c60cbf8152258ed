using System.Text;
using System.Text.Json;

namespace Legitka.Credentials.Jose;

/// <summary>
/// A JWT signed by the key in its own <c>jwk</c> header: an OpenID4VCI proof of possession
/// (<c>openid4vci-proof+jwt</c>) or a DPoP proof (<c>dpop+jwt</c>, RFC 9449). Checks the shape, the type, ES256,
/// a public P-256 key (no <c>d</c>, no <c>kid</c>/<c>x5c</c> beside it) and the signature; the caller checks the claims.
/// </summary>
public static class EmbeddedKeyJwt
{
    public const int MaxLength = 8 * 1024;

    public static EmbeddedKeyJwtResult Verify(string token, string expectedType)
    {
        if (token.Length is 0 or > MaxLength || !Ascii.IsValid(token))
        {
            return EmbeddedKeyJwtResult.Fail("malformed", "The JWT is empty, too long or not ASCII.");
        }

        var bytes = Encoding.ASCII.GetBytes(token);
        if (!CompactJws.TrySplit(bytes, out var jws))
        {
            return EmbeddedKeyJwtResult.Fail("malformed", "The JWT is not a compact JWS.");
        }

        var headerJson = jws.DecodeHeader(bytes);
        var payloadJson = jws.DecodePayload(bytes);
        Span<byte> signature = stackalloc byte[Es256.SignatureSize];
        if (headerJson is null || payloadJson is null || !jws.TryDecodeSignature(bytes, signature))
        {
            return EmbeddedKeyJwtResult.Fail("malformed", "The JWT's parts are not valid base64url.");
        }

        var header = JoseHeader.TryRead(headerJson);
        if (header is null)
        {
            return EmbeddedKeyJwtResult.Fail("malformed", "The JWT header is not a valid JOSE header.");
        }

        if (header.Type != expectedType)
        {
            return EmbeddedKeyJwtResult.Fail("invalid_typ", $"The JWT typ must be {expectedType}.");
        }

        if (header.Algorithm != Es256.Algorithm)
        {
            return EmbeddedKeyJwtResult.Fail("disallowed_alg", "Only ES256 is accepted.");
        }

        EcPublicJwk? key;
        try
        {
            using var document = JsonDocument.Parse(headerJson, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (header.KeyId is not null || root.TryGetProperty("x5c", out _))
            {
                return EmbeddedKeyJwtResult.Fail("invalid_key", "The key must be given as jwk alone, without kid or x5c.");
            }

            if (!root.TryGetProperty("jwk", out var jwk) || !EcPublicJwk.TryParse(jwk, out key, out _) || key is null)
            {
                return EmbeddedKeyJwtResult.Fail("invalid_key", "The header must carry a public P-256 jwk.");
            }
        }
        catch (JsonException)
        {
            return EmbeddedKeyJwtResult.Fail("malformed", "The JWT header is not JSON.");
        }

        using (var ecdsa = EcPublicKeyFactory.TryCreate(key))
        {
            if (ecdsa is null)
            {
                return EmbeddedKeyJwtResult.Fail("invalid_key", "The jwk is not a point on P-256.");
            }

            if (!Es256.Verify(ecdsa, bytes.AsSpan(jws.SigningInput), signature))
            {
                return EmbeddedKeyJwtResult.Fail("invalid_signature", "The JWT is not signed by the key in its header.");
            }
        }

        try
        {
            using var payload = JsonDocument.Parse(payloadJson, new JsonDocumentOptions { MaxDepth = 16 });
            return payload.RootElement.ValueKind == JsonValueKind.Object
                ? new EmbeddedKeyJwtResult(key, payload.RootElement.Clone(), null, null)
                : EmbeddedKeyJwtResult.Fail("malformed", "The JWT payload is not a JSON object.");
        }
        catch (JsonException)
        {
            return EmbeddedKeyJwtResult.Fail("malformed", "The JWT payload is not JSON.");
        }
    }
}

/// <summary>The verified key and claims, or why the JWT was refused.</summary>
public sealed record EmbeddedKeyJwtResult(EcPublicJwk? Key, JsonElement Claims, string? Error, string? Message)
{
    public bool IsValid => Error is null;

    public static EmbeddedKeyJwtResult Fail(string error, string message) => new(null, default, error, message);
}
