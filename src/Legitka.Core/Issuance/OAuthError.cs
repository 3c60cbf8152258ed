namespace Legitka.Issuance;

/// <summary>An OAuth / OpenID4VCI error response: the code from the specs, an English description, the HTTP status.</summary>
public sealed record OAuthError(string Error, string Description, int Status = 400)
{
    /// <summary>
    /// The request's DPoP proof was spent with the refusal's own write (a counted wrong activation code), so that
    /// finding it spent afterwards is no sign of a replay.
    /// </summary>
    public bool DpopProofSpent { get; init; }

    public static OAuthError InvalidGrant(string description) => new("invalid_grant", description);

    public static OAuthError InvalidToken(string description) => new("invalid_token", description, 401);

    /// <summary>A DPoP proof whose jti was spent by an earlier request (RFC 9449 §11.1); 401 at a resource.</summary>
    public static OAuthError ReplayedDpopProof(int status = 400) => new("invalid_dpop_proof", "DPoP proof refused: jti already used.", status);
}
