namespace Legitka.Wallet.Protocol;

/// <summary>
/// Well-known locations built the way OpenID4VCI §12.2.2, RFC 8414 §3.1 and SD-JWT VC §5 prescribe: the
/// suffix goes between the host and the path of the identifier, a trailing '/' of the path dropped.
/// <c>https://host/tenant</c> → <c>https://host/.well-known/openid-credential-issuer/tenant</c>.
/// </summary>
public static class WellKnown
{
    public const string CredentialIssuer = "openid-credential-issuer";
    public const string AuthorizationServer = "oauth-authorization-server";
    public const string JwtVcIssuer = "jwt-vc-issuer";

    public static Uri For(Uri identifier, string suffix)
    {
        string path = identifier.AbsolutePath.TrimEnd('/');
        var builder = new UriBuilder(identifier.Scheme, identifier.Host, identifier.Port, "/.well-known/" + suffix + path);
        return builder.Uri;
    }
}
