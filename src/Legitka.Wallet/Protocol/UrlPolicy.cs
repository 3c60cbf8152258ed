using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Legitka.Wallet.Protocol;

/// <summary>
/// Which URLs the wallet talks to: HTTPS only (OpenID4VCI requires TLS for every endpoint), except plain
/// HTTP to a loopback host (127.0.0.0/8, ::1, localhost), which is how tests and a developer's laptop run.
/// No user info, no fragment; identifiers (issuer, authorization server) also carry no query.
/// </summary>
public static class UrlPolicy
{
    /// <summary>Parses an absolute endpoint URL the wallet may contact; false with a reason otherwise.</summary>
    public static bool TryEndpoint(string? value, [NotNullWhen(true)] out Uri? uri, out string reason) => TryParse(value, allowQuery: true, out uri, out reason);

    /// <summary>Parses an identifier URL (Credential Issuer, Authorization Server, <c>iss</c>): as an endpoint, and without query.</summary>
    public static bool TryIdentifier(string? value, [NotNullWhen(true)] out Uri? uri, out string reason) => TryParse(value, allowQuery: false, out uri, out reason);

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private static bool TryParse(string? value, bool allowQuery, [NotNullWhen(true)] out Uri? uri, out string reason)
    {
        uri = null;
        if (string.IsNullOrEmpty(value) || !Uri.TryCreate(value, UriKind.Absolute, out var parsed))
        {
            reason = $"'{value}' is not an absolute URL";
            return false;
        }

        bool https = parsed.Scheme == Uri.UriSchemeHttps;
        bool loopbackHttp = parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed);
        if (!https && !loopbackHttp)
        {
            reason = $"'{value}' must use https (plain http is allowed only to a loopback host)";
            return false;
        }

        if (parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0 || (!allowQuery && parsed.Query.Length > 0))
        {
            reason = $"'{value}' must not carry user info, a fragment{(allowQuery ? string.Empty : " or a query")}";
            return false;
        }

        uri = parsed;
        reason = string.Empty;
        return true;
    }
}
