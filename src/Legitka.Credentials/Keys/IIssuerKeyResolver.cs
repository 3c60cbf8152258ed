using System.Security.Cryptography;

namespace Legitka.Credentials.Keys;

/// <summary>
/// Finds the issuer public key for a JOSE <c>kid</c>: the check that the signing key belongs to the
/// issuer (RFC 9901 §7.1 step 2.3; SD-JWT VC §3.5). Returned keys are cached and shared; ECDSA
/// verification on them is thread-safe with the OpenSSL and CNG back ends .NET uses.
/// </summary>
public interface IIssuerKeyResolver
{
    /// <summary>The key to verify with, or null if the <paramref name="keyId"/> is unknown or retired at <paramref name="now"/>.</summary>
    ECDsa? Resolve(string? keyId, DateTimeOffset now);
}
