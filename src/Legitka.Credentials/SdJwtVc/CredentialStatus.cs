namespace Legitka.Credentials.SdJwtVc;

/// <summary>What is known about a verified credential's revocation status.</summary>
public enum CredentialStatus
{
    /// <summary>Checked against a verified Status List Token: VALID.</summary>
    Valid,

    /// <summary>The credential has a status reference, but no Status List Token was given and the caller allowed that.</summary>
    Unchecked,

    /// <summary>The credential carries no status reference.</summary>
    NotApplicable,
}
