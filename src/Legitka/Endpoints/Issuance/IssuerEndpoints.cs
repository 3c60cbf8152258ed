using System.Text.Json;
using System.Text.Json.Nodes;
using Legitka.Credentials.Keys;
using Legitka.Data;
using Legitka.Issuance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Legitka.Endpoints.Issuance;

/// <summary>
/// OpenID4VCI 1.0, pre-authorized code flow: metadata, the offer behind each slip's QR code, the token endpoint
/// (activation code = tx_code), nonce, credential and notification endpoints, and the status lists credentials name.
/// Anonymous by design: the wallet proves itself with the codes and its key, not with a portal account.
/// </summary>
public static class IssuerEndpoints
{
    private const string PreAuthorizedGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    public static void MapIssuerEndpoints(this WebApplication app)
    {
        // Anonymous endpoints take small requests only: a token form or a credential request is a few kilobytes.
        var group = app.MapGroup("").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        // Every wallet reads both documents on every activation, and they change only with the configuration: made once.
        var options = app.Services.GetRequiredService<IOptions<LegitkaOptions>>().Value;
        var issuerId = options.IssuerId;
        var credentialIssuer = IssuerMetadata.CredentialIssuer(issuerId).ToJsonString();
        var authorizationServer = IssuerMetadata.AuthorizationServer(issuerId).ToJsonString();
        // For an issuer identifier with a path (https://host/legitka), OpenID4VCI §12.2.2, RFC 8414 §3.1 and SD-JWT VC put
        // the well-known segment between the host and the path (https://host/.well-known/openid-credential-issuer/legitka);
        // a wallet that appends it to the identifier instead reaches the same document under the path base.
        void MapWellKnown(string name, Delegate handler)
        {
            group.MapGet($"/.well-known/{name}", handler);
            if (options.PathBase.Length > 0)
            {
                group.MapGet($"/.well-known/{name}{options.PathBase}", handler);
            }
        }

        MapWellKnown("openid-credential-issuer", () => Results.Text(credentialIssuer, "application/json"));
        MapWellKnown("oauth-authorization-server", () => Results.Text(authorizationServer, "application/json"));
        MapWellKnown("jwt-vc-issuer", async (IssuerKeyStore keys, TimeProvider clock, CancellationToken ct) =>
            Results.Bytes(new JwtVcIssuerMetadata(issuerId, (await keys.GetRingAsync(ct)).PublishedKeys(clock.GetUtcNow())).ToJson(), "application/json"));
        group.MapGet("/.well-known/jwks.json", async (IssuerKeyStore keys, TimeProvider clock, CancellationToken ct) =>
            Results.Bytes((await keys.GetRingAsync(ct)).PublishedKeys(clock.GetUtcNow()).ToJson(), "application/jwk-set+json"));

        group.MapGet("/offers/{reference}", async (string reference, HttpContext http, Offers offers, IOptions<LegitkaOptions> o, CancellationToken ct) =>
        {
            NoStore(http);
            var (offer, error) = await offers.FetchAsync(reference, http.Connection.RemoteIpAddress?.ToString(), ct);
            return offer is null ? Error(error!) : Json(IssuerMetadata.Offer(o.Value.IssuerId, offer.PreAuthorizedCode));
        });

        group.MapPost("/token", async (HttpContext http, Offers offers, LegitkaDbContext db, TimeProvider clock, IOptions<LegitkaOptions> o,
            CancellationToken ct) =>
        {
            NoStore(http);
            if (!http.Request.HasFormContentType)
            {
                return Error(new OAuthError("invalid_request", "The token request must be application/x-www-form-urlencoded."));
            }

            var form = await http.Request.ReadFormAsync(ct);
            if (form["grant_type"] != PreAuthorizedGrant)
            {
                return Error(new OAuthError("unsupported_grant_type", $"Only {PreAuthorizedGrant} is supported."));
            }

            var (dpop, dpopError) = DpopProof.Check(http, o.Value.IssuerId, null, clock);
            if (dpopError is not null)
            {
                return Error(dpopError);
            }

            var (token, error) = await offers.RedeemAsync(form["pre-authorized_code"].ToString(), form["tx_code"].ToString(), dpop,
                http.Connection.RemoteIpAddress?.ToString(), ct);
            return token is null
                ? await RefuseAsync(http, error!, dpop, db, ct, StatusCodes.Status400BadRequest)
                : Json(new JsonObject
                {
                    ["access_token"] = token.Value,
                    ["token_type"] = token.DpopBound ? "DPoP" : "Bearer",
                    ["expires_in"] = (int)token.Lifetime.TotalSeconds,
                });
        });

        group.MapPost("/nonce", (HttpContext http, NonceService nonces) =>
        {
            NoStore(http);
            return Json(new JsonObject { ["c_nonce"] = nonces.Create() });
        });

        group.MapPost("/credential", async (HttpContext http, CredentialIssuance issuance, LegitkaDbContext db, TimeProvider clock,
            IOptions<LegitkaOptions> o, CancellationToken ct) =>
        {
            NoStore(http);
            var (token, dpop, authError) = Authorize(http, o.Value.IssuerId, clock);
            if (token is null)
            {
                return ResourceError(http, authError!);
            }

            var body = await ReadJsonAsync(http, ct);
            if (body is not { } element || CredentialRequest.TryRead(element) is not { } request)
            {
                return await RefuseAsync(http, new OAuthError("invalid_credential_request", "The body must be a JSON credential request."), dpop, db, ct);
            }

            var (issued, error) = await issuance.IssueAsync(token, dpop, request, ct);
            return issued is null
                ? await RefuseAsync(http, error!, dpop, db, ct)
                : Json(new JsonObject
                {
                    ["credentials"] = new JsonArray(new JsonObject { ["credential"] = issued.Credential }),
                    ["notification_id"] = issued.NotificationId,
                });
        });

        group.MapPost("/notification", async (HttpContext http, CredentialIssuance issuance, LegitkaDbContext db, TimeProvider clock,
            IOptions<LegitkaOptions> o, CancellationToken ct) =>
        {
            var (token, dpop, authError) = Authorize(http, o.Value.IssuerId, clock);
            if (token is null)
            {
                return ResourceError(http, authError!);
            }

            var body = await ReadJsonAsync(http, ct);
            if (body is not { ValueKind: JsonValueKind.Object } element
                || !element.TryGetProperty("notification_id", out var id) || id.ValueKind != JsonValueKind.String
                || !element.TryGetProperty("event", out var walletEvent) || walletEvent.ValueKind != JsonValueKind.String)
            {
                return await RefuseAsync(http, new OAuthError("invalid_notification_request", "notification_id and event are required."), dpop, db, ct);
            }

            var error = await issuance.NotifyAsync(token, dpop, id.GetString()!, walletEvent.GetString()!, ct);
            return error is null ? Results.NoContent() : await RefuseAsync(http, error, dpop, db, ct);
        });

        group.MapGet("/status-lists/{id:int}", async (int id, HttpContext http, StatusLists lists, TimeProvider clock, CancellationToken ct) =>
        {
            var served = await lists.TokenAsync(id, ct);
            if (served is null)
            {
                return Results.NotFound();
            }

            // Caches may keep the list for its ttl counted from when it was built, and no longer: a revocation must
            // show within a minute, so the seconds this node already held it are taken off.
            var age = clock.GetUtcNow() - served.BuiltAt;
            http.Response.Headers.CacheControl = $"public, max-age={(int)Math.Max(0, (StatusLists.TimeToLive - age).TotalSeconds)}";
            return Results.Text(served.Token, "application/statuslist+jwt");
        });
    }

    /// <summary>The access token, and for a DPoP token its proof's key and jti (for the endpoint to spend); or the error.</summary>
    private static (string? Token, PresentedDpopProof? Dpop, OAuthError? Error) Authorize(HttpContext http, string issuerId, TimeProvider clock)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var (scheme, token) = header.IndexOf(' ') is var space and > 0 ? (header[..space], header[(space + 1)..].Trim()) : ("", "");
        if (token.Length == 0 || !(scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer, DPoP algs=\"ES256\"";
            return (null, null, OAuthError.InvalidToken("An access token is required (Authorization: Bearer or DPoP)."));
        }

        // At a resource, a refused DPoP proof is a 401 with a DPoP challenge (RFC 9449 §7.1), not a 400.
        var (proof, error) = DpopProof.Check(http, issuerId, token, clock);
        if (error is not null)
        {
            return (null, null, error with { Status = StatusCodes.Status401Unauthorized });
        }

        var isDpop = scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase);
        if (isDpop && proof is null)
        {
            return (null, null, new OAuthError("invalid_dpop_proof", "A DPoP access token needs a DPoP proof.", StatusCodes.Status401Unauthorized));
        }

        // A DPoP-bound token presented as Bearer is refused even with a proof beside it (RFC 9449 §7.1).
        return (token, isDpop ? proof : null, null);
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true
            || http.Request.ContentLength > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    /// <summary>
    /// Refuses a request and uses up its DPoP proof all the same: a proof does not cover the body, so whoever captured a
    /// refused request could otherwise send its proof again with a body of their own (RFC 9449 §11.1). An accepted
    /// request spends the proof in the transaction of its write instead. A proof found spent already (and not by this
    /// request's own write) is a replay, and is answered as one: at the token endpoint with 400, elsewhere with 401.
    /// </summary>
    private static async Task<IResult> RefuseAsync(HttpContext http, OAuthError error, PresentedDpopProof? dpop, LegitkaDbContext db, CancellationToken ct,
        int replayStatus = StatusCodes.Status401Unauthorized)
    {
        var replayed = dpop is not null && !error.DpopProofSpent && !await NonceService.TrySpendAsync(db, [dpop.Jti], ct);
        return ResourceError(http, replayed ? OAuthError.ReplayedDpopProof(replayStatus) : error);
    }

    /// <summary>
    /// An error from the credential or notification endpoint. A refused access token also gets the challenge RFC 6750
    /// §3 requires with a 401, naming the error, in both schemes this issuer accepts (RFC 9449 §7.2); a request that
    /// sent no token already has its challenge, without an error code (RFC 6750 §3.1).
    /// </summary>
    private static IResult ResourceError(HttpContext http, OAuthError error)
    {
        if (error.Status == StatusCodes.Status401Unauthorized && !http.Response.Headers.ContainsKey(HeaderNames.WWWAuthenticate))
        {
            http.Response.Headers.WWWAuthenticate = $"Bearer error=\"{error.Error}\", DPoP error=\"{error.Error}\", algs=\"ES256\"";
        }

        return Error(error);
    }

    private static IResult Error(OAuthError error) =>
        Results.Json(new { error = error.Error, error_description = error.Description }, statusCode: error.Status);
}
