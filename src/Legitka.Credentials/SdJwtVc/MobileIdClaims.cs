namespace Legitka.Credentials.SdJwtVc;

/// <summary>What the paper card carries, as the server hands it to the issuer (SPEC §1.7).</summary>
/// <param name="ClassName">The pupil's class (e.g. "1A"); optional, because the paper card does not always state it.</param>
/// <param name="Portrait">The accepted photo, JPEG bytes, already stripped of EXIF.</param>
public sealed record MobileIdClaims(
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    string Pesel,
    PostalAddress Address,
    string DocumentNumber,
    DateOnly IssueDate,
    DateOnly ExpiryDate,
    SchoolInfo School,
    byte[] Portrait,
    string StudentStatus = MobileIdClaims.PupilStatus,
    string? ClassName = null)
{
    /// <summary>The <c>student_status</c> of a pupil (uczeń), the only status a school card states today.</summary>
    public const string PupilStatus = "pupil";
}

/// <summary>A Polish postal address; the member names follow OpenID Connect's <c>address</c> claim.</summary>
public sealed record PostalAddress(string StreetAddress, string Locality, string PostalCode, string Country = "PL");

/// <summary>The issuing school: name, address and its number in RSPO (the national register of schools).</summary>
public sealed record SchoolInfo(string Name, PostalAddress Address, string RspoNumber);
