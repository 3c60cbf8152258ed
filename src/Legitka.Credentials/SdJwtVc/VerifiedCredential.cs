using Legitka.Credentials.SdJwt;

namespace Legitka.Credentials.SdJwtVc;

/// <summary>A verified SD-JWT VC presentation and what is known of its status.</summary>
public sealed record VerifiedCredential(VerifiedSdJwt Presentation, CredentialStatus Status);
