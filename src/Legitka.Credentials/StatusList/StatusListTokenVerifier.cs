using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Credentials.Verification;

namespace Legitka.Credentials.StatusList;

/// <summary>
/// Verifies a Status List Token as draft §8.3 asks: ES256 signature by a known status issuer key,
/// <c>typ</c> <c>statuslist+jwt</c>, required <c>sub</c> and <c>iat</c>, <c>exp</c> not passed, a
/// well-formed and bounded <c>status_list</c>.
/// </summary>
public sealed class StatusListTokenVerifier
{
    private readonly IIssuerKeyResolver _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;

    /// <param name="maxListBytes">Decompressed size limit; 16 MiB is 134 million 1-bit entries.</param>
    public StatusListTokenVerifier(IIssuerKeyResolver keys, TimeProvider time, TimeSpan? clockSkew = null, int maxListBytes = 16 * 1024 * 1024)
    {
        _keys = keys;
        _time = time;
        _clockSkew = clockSkew ?? TimeSpan.FromSeconds(60);
        MaxListBytes = maxListBytes;
    }

    public int MaxListBytes { get; }

    public VerificationResult<StatusListToken> Verify(string token)
    {
        if (token.Length > MaxListBytes * 2)
        {
            return Fail(ErrorCodes.TooLarge, "The Status List Token is too large.");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(token.Trim());
        if (!CompactJws.TrySplit(bytes, out var jws))
        {
            return Fail(ErrorCodes.Malformed, "The Status List Token is not a compact JWS.");
        }

        var headerJson = jws.DecodeHeader(bytes);
        var header = headerJson is null ? null : JoseHeader.TryRead(headerJson);
        if (header is null)
        {
            return Fail(ErrorCodes.Malformed, "The Status List Token header is not valid.");
        }

        if (header.Algorithm != Es256.Algorithm)
        {
            return Fail(ErrorCodes.DisallowedAlgorithm, $"The algorithm '{header.Algorithm ?? "(none)"}' is not allowed; only ES256 is accepted.");
        }

        if (header.Type != StatusListTokenWriter.Type)
        {
            return Fail(ErrorCodes.InvalidType, $"The typ '{header.Type ?? "(none)"}' is not 'statuslist+jwt'.");
        }

        var now = _time.GetUtcNow();
        var key = _keys.Resolve(header.KeyId, now);
        if (key is null)
        {
            return Fail(ErrorCodes.UnknownKeyId, $"The key '{header.KeyId ?? "(none)"}' is not a current key of the status issuer.");
        }

        Span<byte> signature = stackalloc byte[Es256.SignatureSize + 2];
        if (!jws.TryDecodeSignature(bytes, signature) || !Es256.Verify(key, bytes.AsSpan()[jws.SigningInput], signature[..Es256.SignatureSize]))
        {
            return Fail(ErrorCodes.InvalidSignature, "The Status List Token signature does not verify.");
        }

        using var payload = SdJwt.SdJwtVerifier.ParseObject(jws.DecodePayload(bytes));
        return payload is null ? Fail(ErrorCodes.Malformed, "The Status List Token payload is not a JSON object.") : ReadClaims(payload.RootElement, now);
    }

    private VerificationResult<StatusListToken> ReadClaims(JsonElement claims, DateTimeOffset now)
    {
        if (!claims.TryGetProperty("sub"u8, out var sub) || sub.ValueKind != JsonValueKind.String
            || !JwtTime.TryGet(claims, "iat", out var iat, out bool hasIat) || !hasIat)
        {
            return Fail(ErrorCodes.MissingClaim, "The Status List Token needs sub and iat.");
        }

        if (!JwtTime.TryGet(claims, "exp", out var exp, out bool hasExp))
        {
            return Fail(ErrorCodes.Malformed, "exp is not a NumericDate.");
        }

        if (hasExp && now - _clockSkew >= exp)
        {
            return Fail(ErrorCodes.Expired, $"The Status List Token expired at {exp:u}; fetch a fresh one.");
        }

        if (now + _clockSkew < iat)
        {
            return Fail(ErrorCodes.NotYetValid, $"The Status List Token claims to be issued in the future ({iat:u}).");
        }

        TimeSpan? ttl = null;
        if (claims.TryGetProperty("ttl"u8, out var ttlElement))
        {
            if (!ttlElement.TryGetInt64(out var seconds) || seconds <= 0)
            {
                return Fail(ErrorCodes.Malformed, "ttl must be a positive number of seconds.");
            }

            ttl = TimeSpan.FromSeconds(seconds);
        }

        if (!claims.TryGetProperty("status_list"u8, out var statusList) || statusList.ValueKind != JsonValueKind.Object
            || !statusList.TryGetProperty("bits"u8, out var bits) || !bits.TryGetInt32(out var bitCount)
            || !statusList.TryGetProperty("lst"u8, out var lst) || lst.ValueKind != JsonValueKind.String)
        {
            return Fail(ErrorCodes.MissingClaim, "The Status List Token needs status_list with bits and lst.");
        }

        var list = TokenStatusList.TryFromLst(lst.GetString()!, bitCount, MaxListBytes);
        if (list is null)
        {
            return Fail(ErrorCodes.Malformed, "status_list.lst is not a base64url ZLIB stream within the size limit, or bits is not 1, 2, 4 or 8.");
        }

        return VerificationResult.Success(new StatusListToken(sub.GetString()!, iat, hasExp ? exp : null, ttl, list));
    }

    private static VerificationResult<StatusListToken> Fail(string code, string message) => VerificationResult.Failure<StatusListToken>(code, message);
}
