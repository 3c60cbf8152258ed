using System.Buffers;
using System.Text.Json;
using System.Text;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Verification;

namespace Legitka.Credentials.SdJwt;

/// <summary>
/// Verifies an SD-JWT or SD-JWT+KB as RFC 9901 §7.1 and §7.3 prescribe, in their order: shape and size,
/// issuer signature (ES256 only, known <c>kid</c>, explicit <c>typ</c>), hash algorithm, issuer and
/// validity times, every Disclosure, then the Key Binding JWT. Any failure is a typed result.
/// Thread-safe; create one per policy and reuse it.
/// </summary>
public sealed class SdJwtVerifier
{
    internal static readonly SearchValues<byte> PresentationAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"u8);

    private readonly SdJwtVerifierOptions _options;

    public SdJwtVerifier(SdJwtVerifierOptions options)
    {
        if (options.RequireKeyBinding && (options.ExpectedNonce is null || options.ExpectedAudience is null))
        {
            throw new ArgumentException("Requiring key binding needs the expected nonce and audience.", nameof(options));
        }

        _options = options;
    }

    public VerificationResult<VerifiedSdJwt> Verify(string presentation)
    {
        if (presentation.Length > _options.Limits.MaxLength)
        {
            return TooLarge();
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(presentation.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(presentation, rented);
            return Verify(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public VerificationResult<VerifiedSdJwt> Verify(ReadOnlySpan<byte> presentation)
    {
        var limits = _options.Limits;
        if (presentation.Length > limits.MaxLength)
        {
            return TooLarge();
        }

        if (presentation.IsEmpty || presentation.ContainsAnyExcept(PresentationAlphabet))
        {
            return Fail(ErrorCodes.Malformed, "The presentation is empty or contains characters other than base64url, '.' and '~'.");
        }

        int firstTilde = presentation.IndexOf((byte)'~');
        if (firstTilde < 0)
        {
            return Fail(ErrorCodes.Malformed, "No '~' separator: this is a plain JWT, not an SD-JWT.");
        }

        int lastTilde = presentation.LastIndexOf((byte)'~');
        if (presentation.Count((byte)'~') - 1 > limits.MaxDisclosures)
        {
            return Fail(ErrorCodes.TooLarge, $"More than {limits.MaxDisclosures} Disclosures.");
        }

        var issuerJwt = presentation[..firstTilde];
        var now = _options.TimeProvider.GetUtcNow();
        var issuer = VerifyIssuerJwt(issuerJwt, now, out var payload, out var keyId);
        if (issuer is not null)
        {
            return VerificationResult.Failure<VerifiedSdJwt>(issuer);
        }

        var claims = payload!.RootElement;
        var disclosures = new Dictionary<Digest, ParsedDisclosure>();
        var error = ParseDisclosures(presentation[(firstTilde + 1)..(lastTilde + 1)], disclosures);
        if (error is not null)
        {
            return VerificationResult.Failure<VerifiedSdJwt>(error);
        }

        var processor = new DisclosureProcessor(disclosures, _options.NonDisclosableClaims, limits.MaxDisclosureNesting);
        var processed = processor.Process(claims, presentation.Length);
        if (processed is null)
        {
            return VerificationResult.Failure<VerifiedSdJwt>(processor.Error!);
        }

        error = FindUnreferenced(disclosures);
        if (error is not null)
        {
            return VerificationResult.Failure<VerifiedSdJwt>(error);
        }

        var keyBindingJwt = presentation[(lastTilde + 1)..];
        if (keyBindingJwt.IsEmpty)
        {
            if (_options.RequireKeyBinding)
            {
                return Fail(ErrorCodes.KeyBindingMissing, "Key binding is required, but the presentation has no Key Binding JWT.");
            }
        }
        else
        {
            error = KeyBindingVerifier.Verify(keyBindingJwt, presentation[..(lastTilde + 1)], claims, _options, now);
            if (error is not null)
            {
                return VerificationResult.Failure<VerifiedSdJwt>(error);
            }
        }

        return VerificationResult.Success(new VerifiedSdJwt(processed, claims, keyId, !keyBindingJwt.IsEmpty, disclosures.Count));
    }

    private VerificationError? VerifyIssuerJwt(ReadOnlySpan<byte> jwt, DateTimeOffset now, out JsonDocument? payload, out string? keyId)
    {
        payload = null;
        keyId = null;
        if (!CompactJws.TrySplit(jwt, out var jws))
        {
            return new(ErrorCodes.Malformed, "The issuer-signed JWT does not have three '.'-separated parts.");
        }

        var headerJson = jws.DecodeHeader(jwt);
        var header = headerJson is null ? null : JoseHeader.TryRead(headerJson);
        if (header is null)
        {
            return new(ErrorCodes.Malformed, "The issuer-signed JWT header is not valid base64url JSON with string alg, typ and kid.");
        }

        if (header.Algorithm != Es256.Algorithm)
        {
            return new(ErrorCodes.DisallowedAlgorithm, $"The algorithm '{header.Algorithm ?? "(none)"}' is not allowed; only ES256 is accepted.");
        }

        if (header.Type != _options.ExpectedType)
        {
            return new(ErrorCodes.InvalidType, $"The typ '{header.Type ?? "(none)"}' is not the expected '{_options.ExpectedType}'.");
        }

        var key = _options.IssuerKeys.Resolve(header.KeyId, now);
        if (key is null)
        {
            return new(ErrorCodes.UnknownKeyId, header.KeyId is null
                ? "The issuer-signed JWT names no kid, and no single issuer key applies."
                : $"The key '{header.KeyId}' is not a current key of the issuer.");
        }

        Span<byte> signature = stackalloc byte[Es256.SignatureSize + 2];
        if (!jws.TryDecodeSignature(jwt, signature))
        {
            return new(ErrorCodes.Malformed, "The issuer signature is not a 64-byte base64url ES256 signature.");
        }

        if (!Es256.Verify(key, jwt[jws.SigningInput], signature[..Es256.SignatureSize]))
        {
            return new(ErrorCodes.InvalidSignature, "The issuer signature does not verify.");
        }

        keyId = header.KeyId;
        payload = ParseObject(jws.DecodePayload(jwt));
        if (payload is null)
        {
            return new(ErrorCodes.Malformed, "The issuer-signed JWT payload is not a JSON object.");
        }

        return CheckClaims(payload.RootElement, now);
    }

    private VerificationError? CheckClaims(JsonElement claims, DateTimeOffset now)
    {
        if (claims.TryGetProperty("_sd_alg"u8, out var sdAlg) && !(sdAlg.ValueKind == JsonValueKind.String && sdAlg.ValueEquals("sha-256"u8)))
        {
            return new(ErrorCodes.UnsupportedHashAlgorithm, "Only the 'sha-256' disclosure hash algorithm is accepted.");
        }

        if (_options.ExpectedIssuer is not null && !(claims.TryGetProperty("iss"u8, out var iss) && iss.ValueKind == JsonValueKind.String && iss.ValueEquals(_options.ExpectedIssuer)))
        {
            return new(ErrorCodes.InvalidIssuer, $"The iss claim is not the expected issuer '{_options.ExpectedIssuer}'.");
        }

        if (!JwtTime.TryGet(claims, "exp", out var exp, out bool hasExp) || !JwtTime.TryGet(claims, "nbf", out var nbf, out bool hasNbf)
            || !JwtTime.TryGet(claims, "iat", out var iat, out bool hasIat))
        {
            return new(ErrorCodes.Malformed, "exp, nbf and iat must be NumericDate numbers.");
        }

        var skew = _options.ClockSkew;
        if (!hasExp && _options.RequireExpiration)
        {
            return new(ErrorCodes.MissingClaim, "The credential has no exp claim.");
        }

        if (hasExp && now - skew >= exp)
        {
            return new(ErrorCodes.Expired, $"The credential expired at {exp:u}.");
        }

        if (hasNbf && now + skew < nbf)
        {
            return new(ErrorCodes.NotYetValid, $"The credential is not valid before {nbf:u}.");
        }

        if (hasIat && now + skew < iat)
        {
            return new(ErrorCodes.NotYetValid, $"The credential claims to be issued in the future ({iat:u}).");
        }

        return null;
    }

    private VerificationError? ParseDisclosures(ReadOnlySpan<byte> segment, Dictionary<Digest, ParsedDisclosure> disclosures)
    {
        int position = 0;
        foreach (var range in segment.Split((byte)'~'))
        {
            if (range.End.Value == segment.Length && range.Start.Value == segment.Length)
            {
                break; // the empty string after the final '~'
            }

            position++;
            var encoded = segment[range];
            if (encoded.IsEmpty)
            {
                return new(ErrorCodes.Malformed, $"Disclosure {position} is empty ('~~').");
            }

            var disclosure = ParsedDisclosure.TryParse(encoded, position, _options.Limits.MaxJsonDepth, out var reason);
            if (disclosure is null)
            {
                return new(ErrorCodes.MalformedDisclosure, $"Disclosure {position} {reason}.");
            }

            if (!disclosures.TryAdd(disclosure.Digest, disclosure))
            {
                return new(ErrorCodes.DuplicateDisclosure, $"Disclosure {position} is sent twice (RFC 9901 §4).");
            }
        }

        return null;
    }

    /// <summary>
    /// RFC 9901 §7.1 step 5. A Disclosure whose digest appears nowhere was altered or belongs to another
    /// credential; one whose digest is only inside other presented Disclosures hangs off a chain that
    /// does not reach the issuer-signed payload.
    /// </summary>
    private static VerificationError? FindUnreferenced(Dictionary<Digest, ParsedDisclosure> disclosures)
    {
        ParsedDisclosure? first = null;
        foreach (var disclosure in disclosures.Values)
        {
            if (!disclosure.Used && (first is null || disclosure.Position < first.Position))
            {
                first = disclosure;
            }
        }

        if (first is null)
        {
            return null;
        }

        foreach (var other in disclosures.Values)
        {
            if (other != first && ContainsDigest(other.Value, first.Digest))
            {
                return new(ErrorCodes.UnreferencedDisclosure,
                    $"Disclosure {first.Position} is referenced only by Disclosure {other.Position}, which is not connected to the issuer-signed JWT.");
            }
        }

        return new(ErrorCodes.DisclosureDigestMismatch,
            $"Disclosure {first.Position} matches no digest in the credential: it was altered or belongs to another credential.");
    }

    private static bool ContainsDigest(JsonElement value, Digest digest)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if ((property.NameEquals("_sd"u8) || property.NameEquals("..."u8)) && Holds(property.Value, digest))
                    {
                        return true;
                    }

                    if (ContainsDigest(property.Value, digest))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var element in value.EnumerateArray())
                {
                    if (ContainsDigest(element, digest))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool Holds(JsonElement value, Digest digest)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Digest.TryParse(JsonRaw.StringContent(value), out var found) && found == digest;
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(entry => Holds(entry, digest));
    }

    internal static JsonDocument? ParseObject(byte[]? json, int maxDepth = 16)
    {
        // JSON parsing does not check the UTF-8 inside strings; reading such a string later would throw.
        if (json is null || !System.Text.Unicode.Utf8.IsValid(json))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private VerificationResult<VerifiedSdJwt> TooLarge() =>
        Fail(ErrorCodes.TooLarge, $"The presentation is longer than {_options.Limits.MaxLength} bytes.");

    private static VerificationResult<VerifiedSdJwt> Fail(string code, string message) => VerificationResult.Failure<VerifiedSdJwt>(code, message);
}
