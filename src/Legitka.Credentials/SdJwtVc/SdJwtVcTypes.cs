namespace Legitka.Credentials.SdJwtVc;

/// <summary>The media type names of SD-JWT VC.</summary>
public static class SdJwtVcTypes
{
    /// <summary>The JOSE <c>typ</c> of the issuer-signed JWT of an SD-JWT VC (SD-JWT VC §3.2.1).</summary>
    public const string CredentialType = "dc+sd-jwt";
}
