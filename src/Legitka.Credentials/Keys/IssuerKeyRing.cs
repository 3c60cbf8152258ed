using System.Security.Cryptography;
using Legitka.Credentials.Jose;

namespace Legitka.Credentials.Keys;

/// <summary>
/// An issuer's keys over time: one active key signs; retired keys keep verifying until the last
/// credential they signed has expired (<see cref="RetiredKey.VerifyUntil"/>), then drop out of the
/// JWKS. The host loads it from storage (private key decrypted into <see cref="IJwsSigner"/>).
/// </summary>
public sealed class IssuerKeyRing : IIssuerKeyResolver
{
    private readonly IReadOnlyList<RetiredKey> _retired;
    private readonly JsonWebKeySet _all;

    public IssuerKeyRing(IJwsSigner activeSigner, EcPublicJwk activeKey, IReadOnlyList<RetiredKey> retired)
    {
        if (activeSigner.KeyId is null || activeKey.KeyId != activeSigner.KeyId)
        {
            throw new ArgumentException("The active public key must carry the signer's kid.", nameof(activeKey));
        }

        ActiveSigner = activeSigner;
        ActiveKey = activeKey;
        _retired = retired;
        _all = new JsonWebKeySet([activeKey, .. retired.Select(r => r.Key)]);
    }

    public IJwsSigner ActiveSigner { get; }

    public EcPublicJwk ActiveKey { get; }

    /// <summary>A ring with one key, e.g. a new deployment.</summary>
    public static IssuerKeyRing Single(EcdsaJwsSigner signer) => new(signer, signer.PublicJwk, []);

    /// <summary>The keys to publish at <paramref name="now"/>: the active one and retired ones still within their date.</summary>
    public JsonWebKeySet PublishedKeys(DateTimeOffset now) =>
        new([ActiveKey, .. _retired.Where(r => now < r.VerifyUntil).Select(r => r.Key)]);

    public ECDsa? Resolve(string? keyId, DateTimeOffset now)
    {
        // A token must name its key once there is more than one; a retired key past its date is unknown.
        foreach (var retired in _retired)
        {
            if (retired.Key.KeyId == keyId && now >= retired.VerifyUntil)
            {
                return null;
            }
        }

        return keyId is null && _retired.Count > 0 ? null : _all.Resolve(keyId, now);
    }
}

/// <summary>A public key that no longer signs but verifies until <see cref="VerifyUntil"/>.</summary>
public sealed record RetiredKey(EcPublicJwk Key, DateTimeOffset VerifyUntil);
