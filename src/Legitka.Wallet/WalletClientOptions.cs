using Legitka.Credentials.SdJwtVc;

namespace Legitka.Wallet;

/// <summary>The wallet's policy; immutable, shareable between concurrent activations.</summary>
public sealed record WalletClientOptions
{
    /// <summary>
    /// Send DPoP proofs (RFC 9449) to the Token and Credential Endpoints when the Authorization Server lists ES256 in
    /// <c>dpop_signing_alg_values_supported</c>. The DPoP key is a fresh key per activation, not the device key.
    /// </summary>
    public bool UseDpop { get; init; } = true;

    /// <summary>The only credential type accepted (the offered configuration's <c>vct</c> and the credential's); null accepts any SD-JWT VC.</summary>
    public string? ExpectedVct { get; init; } = MobileIdCredentialType.Vct;

    /// <summary>Claims a credential must disclose to be kept: the card cannot be shown without them.</summary>
    public IReadOnlyList<string> RequiredClaims { get; init; } = ["given_name", "family_name", "document_number", "expiry_date"];

    /// <summary>Largest JSON answer read (offer, metadata, token, credential).</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest Status List Token read.</summary>
    public int MaxStatusListBytes { get; init; } = 16 * 1024 * 1024;
}
