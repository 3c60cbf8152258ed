namespace Legitka.Issuance;

/// <summary>
/// A <c>c_nonce</c> (or DPoP <c>jti</c>) that has been used. Nonces themselves are stateless (MAC'd with an expiry);
/// the primary key on the used ones makes each usable once, also across nodes.
/// </summary>
public sealed class ConsumedNonce
{
    public required string Value { get; init; }
    public DateTime ExpiresAt { get; init; }
}
