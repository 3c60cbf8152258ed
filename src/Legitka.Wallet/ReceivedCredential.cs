using System.Text.Json;
using Legitka.Credentials.StatusList;

namespace Legitka.Wallet;

/// <summary>A credential the wallet received and verified: the SD-JWT VC with every Disclosure, and what was read from it.</summary>
/// <param name="Credential">The SD-JWT VC as issued (<c>jwt~d~…~</c>), to store and later present.</param>
/// <param name="CredentialIssuer">The Credential Issuer Identifier from the offer.</param>
/// <param name="Issuer">The credential's <c>iss</c>, whose <c>/.well-known/jwt-vc-issuer</c> keys verified it.</param>
/// <param name="KeyThumbprint">RFC 7638 thumbprint of the device key in <c>cnf.jwk</c>.</param>
/// <param name="ClaimsJson">The processed payload (plain and disclosed claims), UTF-8 JSON.</param>
/// <param name="Status">The <c>status.status_list</c> reference, if the credential has one.</param>
public sealed record ReceivedCredential(
    string Credential,
    string CredentialIssuer,
    string CredentialConfigurationId,
    string Issuer,
    string Vct,
    string KeyThumbprint,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    ReadOnlyMemory<byte> ClaimsJson,
    StatusReference? Status)
{
    /// <summary>The fields a person looks at, read from <see cref="ClaimsJson"/>.</summary>
    public WalletCard Card => WalletCard.FromClaims(ClaimsJson.Span);
}

/// <summary>The card as a person reads it. <see cref="ClassName"/> is the optional <c>class_name</c> claim.</summary>
public sealed record WalletCard(
    string? GivenName,
    string? FamilyName,
    string? School,
    string? ClassName,
    string? DocumentNumber,
    string? ExpiryDate,
    string? BirthDate)
{
    public static WalletCard FromClaims(ReadOnlySpan<byte> claimsJson)
    {
        var reader = new Utf8JsonReader(claimsJson);
        using var document = JsonDocument.ParseValue(ref reader);
        return FromClaims(document.RootElement);
    }

    public static WalletCard FromClaims(JsonElement claims)
    {
        string? school = null;
        if (claims.TryGetProperty("school"u8, out var schoolElement))
        {
            school = schoolElement.ValueKind == JsonValueKind.Object ? String(schoolElement, "name") : schoolElement.ValueKind == JsonValueKind.String ? schoolElement.GetString() : null;
        }

        return new WalletCard(
            String(claims, "given_name"),
            String(claims, "family_name"),
            school,
            String(claims, "class_name"),
            String(claims, "document_number"),
            String(claims, "expiry_date"),
            String(claims, "birthdate"));
    }

    /// <summary>"Given Family", or what there is of it.</summary>
    public string FullName => string.Join(' ', new[] { GivenName, FamilyName }.Where(part => !string.IsNullOrEmpty(part)));

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
