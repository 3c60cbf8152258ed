using System.Security.Cryptography;

namespace Legitka.Credentials.Jose;

/// <summary>
/// An ES256 signer over an in-memory P-256 key. The host decrypts the stored key and hands it over
/// as PKCS#8; one instance is reused for every signature (creating ECDsa objects is costly).
/// </summary>
public sealed class EcdsaJwsSigner : IJwsSigner, IDisposable
{
    private readonly ECDsa _key;

    public EcdsaJwsSigner(ECDsa key, string? keyId)
    {
        if (key.KeySize != 256)
        {
            throw new ArgumentException("ES256 needs a P-256 key.", nameof(key));
        }

        _key = key;
        PublicJwk = EcPublicJwk.FromECDsa(key, keyId);
        KeyId = keyId;
    }

    public string Algorithm => Es256.Algorithm;

    public string? KeyId { get; }

    public EcPublicJwk PublicJwk { get; }

    /// <summary>A fresh P-256 key whose <c>kid</c> is its RFC 7638 thumbprint.</summary>
    public static EcdsaJwsSigner Generate() => FromKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a PKCS#8 private key; the <c>kid</c> defaults to the RFC 7638 thumbprint.</summary>
    public static EcdsaJwsSigner FromPkcs8(ReadOnlySpan<byte> pkcs8, string? keyId = null)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return keyId is null ? FromKey(key) : new EcdsaJwsSigner(key, keyId);
    }

    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    public int Sign(ReadOnlySpan<byte> signingInput, Span<byte> signature)
    {
        if (!_key.TrySignData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written))
        {
            throw new ArgumentException("The signature buffer is too small.", nameof(signature));
        }

        return written;
    }

    public void Dispose() => _key.Dispose();

    private static EcdsaJwsSigner FromKey(ECDsa key) => new(key, EcPublicJwk.FromECDsa(key, null).Thumbprint());
}
