namespace Legitka.Issuance;

/// <summary>
/// A valid DPoP proof (RFC 9449) that came with a request: the thumbprint of its key, to which the access token is
/// (or gets) bound, and its <c>jti</c>, which the endpoint spends with the request's write.
/// </summary>
public sealed record PresentedDpopProof(string KeyThumbprint, OneTimeValue Jti);
