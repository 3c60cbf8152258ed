using System.Text.Json;

namespace Legitka.Credentials.SdJwt;

/// <summary>A verified SD-JWT: the Processed SD-JWT Payload (RFC 9901 §7.1), i.e. the plain claims plus those disclosed.</summary>
public sealed class VerifiedSdJwt
{
    private readonly byte[] _claimsJson;
    private JsonElement? _claims;

    internal VerifiedSdJwt(byte[] claimsJson, JsonElement signedClaims, string? issuerKeyId, bool keyBound, int disclosureCount)
    {
        _claimsJson = claimsJson;
        SignedClaims = signedClaims;
        IssuerKeyId = issuerKeyId;
        KeyBound = keyBound;
        DisclosureCount = disclosureCount;
    }

    /// <summary>The processed payload as UTF-8 JSON, without <c>_sd</c>, <c>_sd_alg</c> or undisclosed array elements.</summary>
    public ReadOnlyMemory<byte> ClaimsJson => _claimsJson;

    /// <summary>The processed payload, parsed on first use.</summary>
    public JsonElement Claims => _claims ??= JsonDocument.Parse(_claimsJson).RootElement;

    /// <summary>
    /// The issuer-signed payload as signed. Claims that may not be disclosed (<c>vct</c>, <c>status</c>, <c>cnf</c>…)
    /// read the same here as in <see cref="Claims"/>, without parsing the processed payload.
    /// </summary>
    internal JsonElement SignedClaims { get; }

    public string? IssuerKeyId { get; }

    /// <summary>Whether a Key Binding JWT was verified.</summary>
    public bool KeyBound { get; }

    public int DisclosureCount { get; }
}
