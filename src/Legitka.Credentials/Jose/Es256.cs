using System.Security.Cryptography;

namespace Legitka.Credentials.Jose;

/// <summary>
/// ES256 (ECDSA P-256 with SHA-256), the only JWS algorithm we sign or accept: an allow-list of one,
/// so <c>none</c>, HMAC-with-a-public-key and algorithm confusion cannot arise.
/// </summary>
public static class Es256
{
    public const string Algorithm = "ES256";

    /// <summary>R and S, 32 bytes each, concatenated (RFC 7518 §3.4).</summary>
    public const int SignatureSize = 64;

    public static bool Verify(ECDsa key, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureSize
        && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
