namespace Legitka.Issuance;

/// <summary>
/// A value a request may use once — a <c>c_nonce</c>, a DPoP proof's <c>jti</c> — and how long it must be remembered:
/// until it could no longer be accepted anyway. Spent in the transaction of the write it authorizes
/// (<see cref="NonceService.TrySpendAsync"/>), so that an accepted request costs no extra commit.
/// </summary>
public sealed record OneTimeValue(string Value, DateTimeOffset RememberUntil);
