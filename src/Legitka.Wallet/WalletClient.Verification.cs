using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.StatusList;
using Legitka.Credentials.Verification;
using Legitka.Wallet.Keys;
using Legitka.Wallet.Protocol;

namespace Legitka.Wallet;

public sealed partial class WalletClient
{
    private static readonly MediaTypeWithQualityHeaderValue StatusListMediaType = new("application/statuslist+jwt");

    /// <summary>
    /// The live status of a stored credential: fetches the issuer's keys (<c>/.well-known/jwt-vc-issuer</c> of its
    /// <c>iss</c>) and the Status List Token at <c>status.status_list.uri</c>, then verifies both with the engine.
    /// </summary>
    public async Task<CardStatusResult> CheckStatusAsync(string credential, CancellationToken cancellationToken = default)
    {
        string? issuer = ReadUnverifiedIssuer(credential);
        if (issuer is null)
        {
            return new CardStatusResult(CardStatus.Unverifiable, ErrorCodes.Malformed, "The stored credential has no readable iss.");
        }

        var (keys, keyFailure) = await FetchIssuerKeysAsync(issuer, ActivationStep.IssuerKeys, cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            return keyFailure!.Error == ActivationErrors.NetworkError || keyFailure.HttpStatus is >= 500
                ? new CardStatusResult(CardStatus.Unreachable, keyFailure.Error, keyFailure.Description)
                : new CardStatusResult(CardStatus.Unverifiable, keyFailure.Error, keyFailure.Description);
        }

        var verifier = new SdJwtVcVerifier(ReceiptOptions(keys, issuer), Options.ExpectedVct);
        var withoutStatus = verifier.Verify(credential, statusListToken: null, allowUncheckedStatus: true);
        if (!withoutStatus.IsValid)
        {
            return FromError(withoutStatus.Error);
        }

        if (withoutStatus.Value.Status == CredentialStatus.NotApplicable
            || !StatusReference.TryRead(withoutStatus.Value.Presentation.Claims, out var reference, out _) || reference is null)
        {
            return new CardStatusResult(CardStatus.NoStatus);
        }

        if (!UrlPolicy.TryEndpoint(reference.Uri, out var statusUri, out var reason))
        {
            return new CardStatusResult(CardStatus.Unverifiable, ActivationErrors.InsecureUrl, "status_list.uri: " + reason);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, statusUri);
        request.Headers.Accept.Add(StatusListMediaType);
        var reply = await HttpReply.SendAsync(_http, request, Options.MaxStatusListBytes, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            var failure = reply.ToFailure(ActivationStep.IssuerKeys, statusUri);
            return new CardStatusResult(CardStatus.Unreachable, failure.Error, failure.Description);
        }

        string token = System.Text.Encoding.ASCII.GetString(reply.Body!).Trim();
        var result = verifier.Verify(credential, token);
        return result.IsValid ? new CardStatusResult(CardStatus.Valid) : FromError(result.Error);
    }

    private static CardStatusResult FromError(VerificationError error) => error.Code switch
    {
        ErrorCodes.StatusInvalid or ErrorCodes.StatusOther => new CardStatusResult(CardStatus.Invalid, error.Code, error.Message),
        ErrorCodes.StatusSuspended => new CardStatusResult(CardStatus.Suspended, error.Code, error.Message),
        ErrorCodes.Expired => new CardStatusResult(CardStatus.Expired, error.Code, error.Message),
        _ => new CardStatusResult(CardStatus.Unverifiable, error.Code, error.Message),
    };

    private SdJwtVerifierOptions ReceiptOptions(IIssuerKeyResolver keys, string issuer) => new()
    {
        IssuerKeys = keys,
        ExpectedIssuer = issuer,
        // The wallet checks what it holds, not a presentation: there is no Key Binding JWT yet.
        RequireKeyBinding = false,
        TimeProvider = _time,
    };

    /// <summary>
    /// Verifies a freshly issued credential: issuer signature with the keys from the <c>iss</c>'s JWT VC Issuer
    /// Metadata, every Disclosure, <c>exp</c>, <c>vct</c>, then that <c>cnf.jwk</c> is our device key and the card's claims are there.
    /// </summary>
    private async Task<(ReceivedCredential? Credential, ActivationFailure? Failure)> VerifyReceivedAsync(
        string credential, string credentialIssuer, string configurationId, string expectedVct, DeviceKey deviceKey, CancellationToken cancellationToken)
    {
        string? issuer = ReadUnverifiedIssuer(credential);
        if (issuer is null)
        {
            return (null, new ActivationFailure(ActivationStep.Verification, ErrorCodes.Malformed, "The credential is not an SD-JWT with a readable iss claim."));
        }

        var (keys, keyFailure) = await FetchIssuerKeysAsync(issuer, ActivationStep.IssuerKeys, cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            return (null, keyFailure);
        }

        var verifier = new SdJwtVcVerifier(ReceiptOptions(keys, issuer), expectedVct);
        var result = verifier.Verify(credential, statusListToken: null, allowUncheckedStatus: true);
        if (!result.IsValid)
        {
            return (null, new ActivationFailure(ActivationStep.Verification, result.Error.Code, result.Error.Message));
        }

        var claims = result.Value.Presentation.Claims;
        if (!claims.TryGetProperty("cnf"u8, out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk"u8, out var jwkElement)
            || !EcPublicJwk.TryParse(jwkElement, out var jwk, out _) || !deviceKey.Matches(jwk!))
        {
            return (null, new ActivationFailure(ActivationStep.Verification, ActivationErrors.BindingMismatch,
                "The credential is not bound to this wallet's device key (cnf.jwk differs from the key in the proof)."));
        }

        var missing = Options.RequiredClaims.Where(name => !claims.TryGetProperty(name, out _)).ToList();
        if (missing.Count > 0)
        {
            return (null, new ActivationFailure(ActivationStep.Verification, ActivationErrors.MissingClaim,
                "The credential does not disclose " + string.Join(", ", missing) + "."));
        }

        StatusReference.TryRead(claims, out var status, out _);
        var received = new ReceivedCredential(
            credential,
            credentialIssuer,
            configurationId,
            issuer,
            claims.GetProperty("vct"u8).GetString()!,
            deviceKey.Thumbprint,
            Seconds(claims, "iat") ?? _time.GetUtcNow(),
            Seconds(claims, "exp") ?? DateTimeOffset.MaxValue,
            result.Value.Presentation.ClaimsJson,
            status);
        return (received, null);
    }

    /// <summary>The JWT VC Issuer Metadata of <paramref name="issuer"/> (inline <c>jwks</c> or <c>jwks_uri</c>), whose <c>issuer</c> must equal it.</summary>
    private async Task<(IIssuerKeyResolver? Keys, ActivationFailure? Failure)> FetchIssuerKeysAsync(string issuer, ActivationStep step, CancellationToken cancellationToken)
    {
        if (!UrlPolicy.TryIdentifier(issuer, out var issuerUri, out var reason))
        {
            return (null, new ActivationFailure(step, ActivationErrors.InsecureUrl, "iss: " + reason));
        }

        var url = WellKnown.For(issuerUri, WellKnown.JwtVcIssuer);
        var (document, failure) = await GetJsonAsync(url, step, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return (null, failure);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("issuer"u8, out var published) || !published.ValueEquals(issuer))
            {
                return (null, new ActivationFailure(step, ActivationErrors.MetadataMismatch, $"The JWT VC Issuer Metadata at {url} is not for '{issuer}'."));
            }

            if (root.TryGetProperty("jwks"u8, out _))
            {
                var metadata = JwtVcIssuerMetadata.TryParse(root, out reason);
                return metadata is null ? (null, new ActivationFailure(step, ActivationErrors.InvalidResponse, reason)) : (metadata.Keys, null);
            }

            if (!root.TryGetProperty("jwks_uri"u8, out var jwksUri) || jwksUri.ValueKind != JsonValueKind.String)
            {
                return (null, new ActivationFailure(step, ActivationErrors.InvalidResponse, "The JWT VC Issuer Metadata has neither jwks nor jwks_uri."));
            }

            if (!UrlPolicy.TryEndpoint(jwksUri.GetString(), out var keysUrl, out reason))
            {
                return (null, new ActivationFailure(step, ActivationErrors.InsecureUrl, "jwks_uri: " + reason));
            }

            var (set, setFailure) = await GetJsonAsync(keysUrl, step, cancellationToken).ConfigureAwait(false);
            if (set is null)
            {
                return (null, setFailure);
            }

            using (set)
            {
                var keys = JsonWebKeySet.TryParse(set.RootElement, out reason);
                return keys is null ? (null, new ActivationFailure(step, ActivationErrors.InvalidResponse, reason)) : (keys, null);
            }
        }
    }

    /// <summary>The <c>iss</c> of the issuer-signed JWT, read before verification only to know whose keys to fetch.</summary>
    internal static string? ReadUnverifiedIssuer(string sdJwt)
    {
        int tilde = sdJwt.IndexOf('~', StringComparison.Ordinal);
        var jwt = tilde < 0 ? sdJwt.AsSpan() : sdJwt.AsSpan(0, tilde);
        int first = jwt.IndexOf('.');
        int second = first < 0 ? -1 : jwt[(first + 1)..].IndexOf('.');
        if (first <= 0 || second <= 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(jwt.Slice(first + 1, second));
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("iss"u8, out var iss) && iss.ValueKind == JsonValueKind.String
                ? iss.GetString()
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private WalletClientOptions Options => _options;
}
