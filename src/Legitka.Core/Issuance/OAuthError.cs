namespace Legitka.Issuance;

/// <summary>An OAuth / OpenID4VCI error response: the code from the specs, an English description, the HTTP status.</summary>
public sealed record OAuthError(string Error, string Description, int Status = 400)
{
    public static OAuthError InvalidGrant(string description) => new("invalid_grant", description);

    public static OAuthError InvalidToken(string description) => new("invalid_token", description, 401);
}
