using System.Security.Cryptography;

namespace Legitka.Credentials.SdJwtVc;

/// <summary>
/// The mLegitymacja credential type. The <c>vct</c> is a URN rather than an HTTPS URL because the type
/// is shared by every school and deployment, none of which owns it; wallets get the Type Metadata from
/// the issuer's credential metadata or this library, and <c>vct#integrity</c> pins its content.
/// </summary>
public static class MobileIdCredentialType
{
    /// <summary>Version 1 of the type; an incompatible change gets a new version (SD-JWT VC §3.2.2.1.1).</summary>
    public const string Vct = "urn:legitka:mlegitymacja:1";

    /// <summary>The claims a verifier may never see disclosed; <c>status</c>, <c>cnf</c> and the rest are plain.</summary>
    public static IReadOnlyList<string> DisclosableClaims { get; } =
    [
        "given_name", "family_name", "birthdate", "age_in_years", "age_over_18", "pesel", "address",
        "document_number", "issue_date", "expiry_date", "student_status", "school", "portrait",
    ];

    /// <summary>The Type Metadata document (SD-JWT VC §6): display names in Polish and English, claim metadata.</summary>
    public static ReadOnlyMemory<byte> TypeMetadataJson { get; } = LoadTypeMetadata();

    /// <summary>The <c>vct#integrity</c> value: W3C SRI <c>sha256-</c> over the Type Metadata bytes (SD-JWT VC §7).</summary>
    public static string TypeMetadataIntegrity { get; } = "sha256-" + Convert.ToBase64String(SHA256.HashData(TypeMetadataJson.Span));

    private static byte[] LoadTypeMetadata()
    {
        using var stream = typeof(MobileIdCredentialType).Assembly.GetManifestResourceStream("Legitka.Credentials.mlegitymacja-type-metadata.json")
            ?? throw new InvalidOperationException("The type metadata resource is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
