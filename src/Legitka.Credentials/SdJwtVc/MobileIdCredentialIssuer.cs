using System.Globalization;
using Legitka.Credentials.Jose;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.StatusList;

namespace Legitka.Credentials.SdJwtVc;

/// <summary>
/// Issues the mLegitymacja as an SD-JWT VC (<c>typ</c> <c>dc+sd-jwt</c>). <c>iss</c>, <c>iat</c>,
/// <c>exp</c>, <c>vct</c>, <c>cnf</c> and <c>status</c> are plain, as SD-JWT VC §3.2.2.2 requires; every
/// personal claim is a Disclosure, the address recursively (its parts can be shown alone), plus decoys
/// so that the number of digests says nothing. Thread-safe.
/// </summary>
public sealed class MobileIdCredentialIssuer
{
    [ThreadStatic]
    private static SdJwtPayloadWriter? t_writer;

    private readonly SdJwtIssuer _issuer;
    private readonly string _issuerId;
    private readonly TimeProvider _time;
    private readonly int _decoys;

    /// <param name="signer">The school's active issuer key.</param>
    /// <param name="issuerId">The <c>iss</c>: the HTTPS URL under which <c>/.well-known/jwt-vc-issuer</c> is served.</param>
    /// <param name="decoys">Decoy digests added to the top-level <c>_sd</c>.</param>
    public MobileIdCredentialIssuer(IJwsSigner signer, string issuerId, TimeProvider time, int decoys = 3)
    {
        _issuer = new SdJwtIssuer(signer, SdJwtVcTypes.CredentialType);
        _issuerId = issuerId;
        _time = time;
        _decoys = decoys;
    }

    /// <param name="holderKey">The wallet's device key, from its proof of possession; the credential is bound to it.</param>
    /// <param name="status">The credential's index in the school's status list.</param>
    public IssuedSdJwt Issue(MobileIdClaims claims, EcPublicJwk holderKey, StatusReference status)
    {
        var writer = t_writer ??= new SdJwtPayloadWriter();
        writer.Reset();
        var now = _time.GetUtcNow();
        int age = PolishTime.AgeOn(claims.BirthDate, PolishTime.Today(_time));

        writer.WriteStartObject();
        writer.WriteString("iss", _issuerId, disclosable: false);
        writer.WriteNumber("iat", now.ToUnixTimeSeconds(), disclosable: false);
        writer.WriteNumber("exp", PolishTime.EndOf(claims.ExpiryDate).ToUnixTimeSeconds(), disclosable: false);
        writer.WriteString("vct", MobileIdCredentialType.Vct, disclosable: false);
        writer.WriteString("vct#integrity", MobileIdCredentialType.TypeMetadataIntegrity, disclosable: false);
        writer.WriteStartObject("cnf", disclosable: false);
        writer.WriteStartObject("jwk", disclosable: false);
        writer.WriteString("kty", "EC", disclosable: false);
        writer.WriteString("crv", "P-256", disclosable: false);
        writer.WriteString("x", System.Buffers.Text.Base64Url.EncodeToString(holderKey.X), disclosable: false);
        writer.WriteString("y", System.Buffers.Text.Base64Url.EncodeToString(holderKey.Y), disclosable: false);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("status", disclosable: false);
        writer.WriteStartObject("status_list", disclosable: false);
        writer.WriteNumber("idx", status.Index, disclosable: false);
        writer.WriteString("uri", status.Uri, disclosable: false);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteString("given_name", claims.GivenName, disclosable: true);
        writer.WriteString("family_name", claims.FamilyName, disclosable: true);
        writer.WriteString("birthdate", IsoDate(claims.BirthDate), disclosable: true);
        writer.WriteNumber("age_in_years", age, disclosable: true);
        writer.WriteBoolean("age_over_18", age >= 18, disclosable: true);
        if (claims.Pesel.Length > 0)
        {
            // A pupil without a PESEL is identified by the card alone; an empty claim would be noise.
            writer.WriteString("pesel", claims.Pesel, disclosable: true);
        }

        writer.WriteStartObject("address", disclosable: true);
        WriteAddressMembers(writer, claims.Address, disclosable: true);
        writer.WriteEndObject();
        writer.WriteString("document_number", claims.DocumentNumber, disclosable: true);
        writer.WriteString("issue_date", IsoDate(claims.IssueDate), disclosable: true);
        writer.WriteString("expiry_date", IsoDate(claims.ExpiryDate), disclosable: true);
        writer.WriteString("student_status", claims.StudentStatus, disclosable: true);
        if (claims.ClassName is not null)
        {
            writer.WriteString("class_name", claims.ClassName, disclosable: true);
        }

        writer.WriteStartObject("school", disclosable: true);
        writer.WriteString("name", claims.School.Name, disclosable: false);
        writer.WriteStartObject("address", disclosable: false);
        WriteAddressMembers(writer, claims.School.Address, disclosable: false);
        writer.WriteEndObject();
        writer.WriteString("rspo", claims.School.RspoNumber, disclosable: false);
        writer.WriteEndObject();
        writer.WriteDataUri("portrait", "image/jpeg", claims.Portrait, disclosable: true);
        writer.WriteEndObject(_decoys);

        return _issuer.Issue(writer);
    }

    private static void WriteAddressMembers(SdJwtPayloadWriter writer, PostalAddress address, bool disclosable)
    {
        writer.WriteString("street_address", address.StreetAddress, disclosable);
        writer.WriteString("locality", address.Locality, disclosable);
        writer.WriteString("postal_code", address.PostalCode, disclosable);
        writer.WriteString("country", address.Country, disclosable);
    }

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
