using System.Text.Json;
using Legitka.Credentials.Jose;

namespace Legitka.Issuance;

/// <summary>
/// Checks an OpenID4VCI <c>jwt</c> proof (§F.1): type <c>openid4vci-proof+jwt</c>, ES256 by the key in its
/// <c>jwk</c>, <c>aud</c> = this issuer, a recent <c>iat</c>, and a <c>c_nonce</c> we issued. Spending the nonce is
/// left to the caller, inside the transaction that issues the credential.
/// </summary>
public sealed class ProofOfPossession(NonceService nonces, TimeProvider clock)
{
    public const string Type = "openid4vci-proof+jwt";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    public ProofCheck Check(string proof, string issuerId)
    {
        var jwt = EmbeddedKeyJwt.Verify(proof, Type);
        if (!jwt.IsValid)
        {
            return ProofCheck.Fail("invalid_proof", $"Proof refused: {jwt.Message}");
        }

        var claims = jwt.Claims;
        if (!AudienceIs(claims, issuerId))
        {
            return ProofCheck.Fail("invalid_proof", "Proof refused: aud must be the credential issuer.");
        }

        if (!claims.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var issuedAt))
        {
            return ProofCheck.Fail("invalid_proof", "Proof refused: iat is required.");
        }

        var now = clock.GetUtcNow();
        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(issuedAt, 0, 253402300799));
        if (at > now + Skew || at < now - MaxAge)
        {
            return ProofCheck.Fail("invalid_proof", "Proof refused: iat is not recent.");
        }

        // No nonce at all is a bad proof (§8.3.1.2); a nonce we did not issue, or one expired, asks for a fresh one.
        if (!claims.TryGetProperty("nonce", out var nonceElement) || nonceElement.ValueKind != JsonValueKind.String
            || nonceElement.GetString() is not { } nonce)
        {
            return ProofCheck.Fail("invalid_proof", "Proof refused: nonce is required.");
        }

        if (!nonces.IsValid(nonce, out var nonceExpiresAt))
        {
            return ProofCheck.Fail("invalid_nonce", "The proof's nonce is missing, unknown or expired; get a fresh c_nonce.");
        }

        return new ProofCheck(jwt.Key, new OneTimeValue(nonce, nonceExpiresAt), null, null);
    }

    private static bool AudienceIs(JsonElement claims, string issuerId)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == issuerId,
            JsonValueKind.Array => aud.GetArrayLength() == 1 && aud[0].ValueKind == JsonValueKind.String && aud[0].GetString() == issuerId,
            _ => false,
        };
    }
}

public sealed record ProofCheck(EcPublicJwk? HolderKey, OneTimeValue? Nonce, string? Error, string? Description)
{
    public static ProofCheck Fail(string error, string description) => new(null, null, error, description);
}
