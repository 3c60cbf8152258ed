namespace Legitka.Issuance;

/// <summary>An ES256 issuer key. The private key is kept encrypted with Data Protection; the public one is published.</summary>
public sealed class IssuerKey
{
    public required string Kid { get; init; }
    public required byte[] ProtectedPrivateKey { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>Set when a newer key takes over signing; the key keeps verifying until <see cref="VerifyUntil"/>.</summary>
    public DateTime? RetiredAt { get; set; }
    public DateTime? VerifyUntil { get; set; }
}
