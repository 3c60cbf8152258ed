using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Issuance;

namespace Legitka.Endpoints.Issuance;

/// <summary>
/// DPoP (RFC 9449) proofs, accepted when a wallet sends them: the access token is then bound to the wallet's key
/// and cannot be used by whoever steals it. Checks typ, ES256 by the header's jwk, htm, htu, a recent iat, a
/// one-time jti, and for resource requests the access token hash (ath). The jti is spent by the endpoint: in the
/// transaction of the write an accepted request makes (checking the proof costs no commit of its own), or on its own
/// when the request is refused.
/// </summary>
internal static class DpopProof
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>(proof, null) for a valid proof, its jti still to be spent; (null, null) when none was sent; (null, error) when refused.</summary>
    public static (PresentedDpopProof? Proof, OAuthError? Error) Check(HttpContext context, string issuerId, string? accessToken, TimeProvider clock)
    {
        var headers = context.Request.Headers["DPoP"];
        if (headers.Count == 0)
        {
            return (null, null);
        }

        if (headers.Count > 1 || headers[0] is not { } proof)
        {
            return (null, new OAuthError("invalid_dpop_proof", "Send exactly one DPoP header."));
        }

        var jwt = EmbeddedKeyJwt.Verify(proof, "dpop+jwt");
        if (!jwt.IsValid)
        {
            return (null, new OAuthError("invalid_dpop_proof", $"DPoP proof refused: {jwt.Message}"));
        }

        var claims = jwt.Claims;
        var expectedUri = issuerId + context.Request.Path;
        if (Text(claims, "htm") != context.Request.Method || Text(claims, "htu") is not { } htu || StripQuery(htu) != expectedUri)
        {
            return (null, new OAuthError("invalid_dpop_proof", $"DPoP proof refused: htm/htu must be {context.Request.Method} {expectedUri}."));
        }

        var now = clock.GetUtcNow();
        if (!claims.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return (null, new OAuthError("invalid_dpop_proof", "DPoP proof refused: iat is not recent."));
        }

        if (accessToken is not null)
        {
            var ath = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
            if (Text(claims, "ath") != ath)
            {
                return (null, new OAuthError("invalid_dpop_proof", "DPoP proof refused: ath does not match the access token."));
            }
        }

        if (Text(claims, "jti") is not { Length: > 0 and <= 100 } jti)
        {
            return (null, new OAuthError("invalid_dpop_proof", "DPoP proof refused: jti missing or over 100 characters."));
        }

        // Remembered as long as the proof could be accepted: up to the window past its iat, which may lie ahead.
        var rememberUntil = DateTimeOffset.FromUnixTimeSeconds(Math.Max(now.ToUnixTimeSeconds(), seconds)) + Window;
        var thumbprint = jwt.Key!.Thumbprint();
        return (new PresentedDpopProof(thumbprint, new OneTimeValue(ReplayKey(thumbprint, jti), rememberUntil)), null);
    }

    private static string ReplayKey(string thumbprint, string jti) =>
        "dpop:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprint + "\n" + jti)));

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string StripQuery(string uri)
    {
        var cut = uri.IndexOfAny(['?', '#']);
        return cut < 0 ? uri : uri[..cut];
    }
}
