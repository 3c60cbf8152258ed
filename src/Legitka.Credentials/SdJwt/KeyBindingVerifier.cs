using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Verification;

namespace Legitka.Credentials.SdJwt;

/// <summary>Checks a Key Binding JWT against the holder key in <c>cnf.jwk</c> (RFC 9901 §7.3 step 5).</summary>
internal static class KeyBindingVerifier
{
    public const string Type = "kb+jwt";

    /// <param name="kbJwt">The last '~'-separated part.</param>
    /// <param name="sdJwt">Everything before it, up to and including the last '~': what <c>sd_hash</c> covers.</param>
    public static VerificationError? Verify(ReadOnlySpan<byte> kbJwt, ReadOnlySpan<byte> sdJwt, JsonElement claims, SdJwtVerifierOptions options, DateTimeOffset now)
    {
        EcPublicJwk? holderKey = null;
        if (!claims.TryGetProperty("cnf"u8, out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk"u8, out var jwk)
            || !EcPublicJwk.TryParse(jwk, out holderKey, out _))
        {
            return new(ErrorCodes.HolderKeyMissing, "The credential has no usable holder key (cnf.jwk, EC P-256) to check key binding against.");
        }

        if (!CompactJws.TrySplit(kbJwt, out var jws))
        {
            return new(ErrorCodes.Malformed, "The Key Binding JWT does not have three '.'-separated parts.");
        }

        var headerJson = jws.DecodeHeader(kbJwt);
        var header = headerJson is null ? null : JoseHeader.TryRead(headerJson);
        if (header is null)
        {
            return new(ErrorCodes.Malformed, "The Key Binding JWT header is not valid base64url JSON.");
        }

        if (header.Algorithm != Es256.Algorithm)
        {
            return new(ErrorCodes.DisallowedAlgorithm, $"The Key Binding JWT algorithm '{header.Algorithm ?? "(none)"}' is not allowed; only ES256 is accepted.");
        }

        if (header.Type != Type)
        {
            return new(ErrorCodes.KeyBindingInvalidType, $"The Key Binding JWT typ is '{header.Type ?? "(none)"}', not 'kb+jwt'.");
        }

        Span<byte> signature = stackalloc byte[Es256.SignatureSize + 2];
        if (!jws.TryDecodeSignature(kbJwt, signature))
        {
            return new(ErrorCodes.Malformed, "The Key Binding JWT signature is not a 64-byte base64url ES256 signature.");
        }

        using (var key = EcPublicKeyFactory.TryCreate(holderKey!))
        {
            if (key is null)
            {
                return new(ErrorCodes.HolderKeyMissing, "The holder key in cnf.jwk is not a point on P-256.");
            }

            if (!Es256.Verify(key, kbJwt[jws.SigningInput], signature[..Es256.SignatureSize]))
            {
                return new(ErrorCodes.KeyBindingInvalidSignature, "The Key Binding JWT is not signed by the holder key in cnf.jwk.");
            }
        }

        using var payload = SdJwtVerifier.ParseObject(jws.DecodePayload(kbJwt));
        if (payload is null)
        {
            return new(ErrorCodes.Malformed, "The Key Binding JWT payload is not a JSON object.");
        }

        return CheckClaims(payload.RootElement, sdJwt, options, now);
    }

    private static VerificationError? CheckClaims(JsonElement claims, ReadOnlySpan<byte> sdJwt, SdJwtVerifierOptions options, DateTimeOffset now)
    {
        if (!JwtTime.TryGet(claims, "iat", out var iat, out bool hasIat) || !hasIat
            || !TryGetString(claims, "nonce"u8, out var nonce) || !TryGetString(claims, "aud"u8, out var aud) || !TryGetString(claims, "sd_hash"u8, out var sdHash))
        {
            return new(ErrorCodes.Malformed, "The Key Binding JWT needs iat (number) and nonce, aud and sd_hash (strings).");
        }

        if (iat > now + options.ClockSkew)
        {
            return new(ErrorCodes.KeyBindingStale, $"The Key Binding JWT is dated in the future ({iat:u}).");
        }

        if (iat < now - options.KeyBindingMaxAge - options.ClockSkew)
        {
            return new(ErrorCodes.KeyBindingStale, $"The Key Binding JWT was made at {iat:u}, more than {options.KeyBindingMaxAge.TotalSeconds:0} s ago.");
        }

        if (options.ExpectedNonce is not null && !nonce.ValueEquals(options.ExpectedNonce))
        {
            return new(ErrorCodes.KeyBindingNonceMismatch, "The Key Binding JWT nonce is not the one this verifier issued: a replay or another transaction.");
        }

        if (options.ExpectedAudience is not null && !aud.ValueEquals(options.ExpectedAudience))
        {
            return new(ErrorCodes.KeyBindingAudienceMismatch, "The Key Binding JWT is addressed to another verifier (aud).");
        }

        Span<byte> hash = stackalloc byte[32];
        Span<byte> encoded = stackalloc byte[43];
        SHA256.HashData(sdJwt, hash);
        Base64Url.EncodeToUtf8(hash, encoded);
        if (!JsonRaw.StringContent(sdHash).SequenceEqual(encoded))
        {
            return new(ErrorCodes.KeyBindingSdHashMismatch, "sd_hash does not match the presented SD-JWT: Disclosures were added, removed or changed after signing.");
        }

        return null;
    }

    private static bool TryGetString(JsonElement claims, ReadOnlySpan<byte> name, out JsonElement value) =>
        claims.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String;
}
