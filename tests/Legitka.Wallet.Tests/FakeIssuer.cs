using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Legitka.Credentials.Benchmarking;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.StatusList;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Legitka.Wallet.Tests;

/// <summary>
/// A small OpenID4VCI issuer on a loopback Kestrel port, written to the protocol contract the real server follows:
/// offers by reference, pre-authorized code + tx_code, nonce endpoint, credential endpoint with a checked
/// <c>jwt</c> key proof, notification endpoint, JWT VC Issuer Metadata and a Status List Token. It issues real
/// SD-JWT VCs with <see cref="MobileIdCredentialIssuer"/>. Switches make it misbehave for the negative tests.
/// </summary>
internal sealed class FakeIssuer : IAsyncDisposable
{
    public const string ConfigurationId = "mlegitymacja";
    private const string PreAuthorizedGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Offer> _offers = new();
    private readonly ConcurrentDictionary<string, Offer> _codes = new();
    private readonly ConcurrentDictionary<string, Token> _tokens = new();
    private readonly ConcurrentDictionary<string, bool> _nonces = new();
    private readonly ConcurrentDictionary<string, string> _notificationIds = new();
    private readonly TokenStatusList _statusList = new(1024, 2);
    private readonly Lock _statusLock = new();
    private int _nextStatusIndex = 17;

    private FakeIssuer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Credentials = new MobileIdCredentialIssuer(IssuerKey, baseUrl, TimeProvider.System);
    }

    public string BaseUrl { get; }

    public string StatusUri => BaseUrl + "/status/1";

    public EcdsaJwsSigner IssuerKey { get; } = EcdsaJwsSigner.Generate();

    public MobileIdCredentialIssuer Credentials { get; }

    /// <summary>Advertise ES256 DPoP in the AS metadata and then require it.</summary>
    public bool SupportDpop { get; set; }

    /// <summary>With DPoP: demand a server nonce in every proof (RFC 9449 §8, §9), rotated after each use.</summary>
    public bool RequireDpopNonce { get; set; }

    /// <summary>How many times a DPoP proof was refused for lacking the current nonce.</summary>
    public int DpopNonceChallenges;

    private string _dpopNonce = Random();

    /// <summary>Publish a key other than the signing key at <c>/.well-known/jwt-vc-issuer</c> (a forged credential, as the wallet sees it).</summary>
    public bool PublishOtherKey { get; set; }

    /// <summary>Bind the credential to a key other than the proof's (a broken or malicious issuer).</summary>
    public bool BindToOtherKey { get; set; }

    /// <summary>Answer <c>invalid_nonce</c> to this many credential requests first.</summary>
    public int RefuseNonces { get; set; }

    /// <summary>Every notification received: (notification_id, event, event_description).</summary>
    public ConcurrentQueue<(string Id, string Event, string? Description)> Notifications { get; } = new();

    /// <summary>Every request as "METHOD /path", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The DPoP proofs seen on the credential endpoint.</summary>
    public int DpopProofsAtCredentialEndpoint;

    /// <summary>Status list indices handed out, by document number.</summary>
    public ConcurrentDictionary<string, int> StatusIndices { get; } = new();

    /// <param name="path">The issuer's path, e.g. <c>/szkola/1</c>: the Credential Issuer Identifier is then
    /// <c>http://127.0.0.1:PORT/szkola/1</c> and its well-known documents live at <c>/.well-known/…/szkola/1</c>.</param>
    public static async Task<FakeIssuer> StartAsync(string path = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var holder = new FakeIssuer[1];
        app.Use(async (context, next) =>
        {
            holder[0].Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next(context);
        });
        app.MapGet(path + "/offers/{id}", (string id) => holder[0].GetOffer(id));
        app.MapGet("/.well-known/openid-credential-issuer" + path, () => holder[0].IssuerMetadata());
        app.MapGet("/.well-known/oauth-authorization-server" + path, () => holder[0].AuthorizationServerMetadata());
        app.MapGet("/.well-known/jwt-vc-issuer" + path, () => holder[0].IssuerKeysDocument());
        app.MapPost(path + "/token", (Func<HttpContext, Task<IResult>>)(context => holder[0].TokenAsync(context)));
        app.MapPost(path + "/nonce", (HttpContext context) => holder[0].Nonce(context));
        app.MapPost(path + "/credential", (Func<HttpContext, Task<IResult>>)(context => holder[0].CredentialAsync(context)));
        app.MapPost(path + "/notification", (Func<HttpContext, Task<IResult>>)(context => holder[0].NotificationAsync(context)));
        app.MapGet(path + "/status/1", () => holder[0].StatusListToken());
        await app.StartAsync(TestContext.Current.CancellationToken);
        string url = app.Urls.First().TrimEnd('/') + path;
        holder[0] = new FakeIssuer(app, url);
        return holder[0];
    }

    /// <summary>The offer by value (<c>credential_offer=</c>), with a pre-authorized code ready at the token endpoint.</summary>
    public string CreateInlineOffer(string txCode = "48210937", string documentNumber = "SP1/2026/0042")
    {
        string reference = CreateOffer(txCode, documentNumber: documentNumber);
        string id = Uri.UnescapeDataString(reference[(reference.IndexOf('=', StringComparison.Ordinal) + 1)..]).Split('/')[^1];
        var json = ((JsonHttpResult<JsonObject>)GetOffer(id)).Value!.ToJsonString();
        return "openid-credential-offer://?credential_offer=" + Uri.EscapeDataString(json);
    }

    /// <summary>A new slip: returns the offer link for the QR code; the pupil types <paramref name="txCode"/>.</summary>
    public string CreateOffer(string txCode = "48210937", string givenName = "Zofia Maria", string familyName = "Wiśniewska-Żółkiewska", string documentNumber = "SP1/2026/0042")
    {
        string id = Random();
        _offers[id] = new Offer(Random(), txCode, givenName, familyName, documentNumber);
        return "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString($"{BaseUrl}/offers/{id}");
    }

    public void SetStatus(string documentNumber, StatusType status)
    {
        lock (_statusLock)
        {
            _statusList[StatusIndices[documentNumber]] = (byte)status;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        IssuerKey.Dispose();
    }

    private IResult GetOffer(string id)
    {
        if (!_offers.TryRemove(id, out var offer))
        {
            return Results.NotFound();
        }

        _codes[offer.PreAuthorizedCode] = offer;
        return Results.Json(new JsonObject
        {
            ["credential_issuer"] = BaseUrl,
            ["credential_configuration_ids"] = new JsonArray(ConfigurationId),
            ["grants"] = new JsonObject
            {
                [PreAuthorizedGrant] = new JsonObject
                {
                    ["pre-authorized_code"] = offer.PreAuthorizedCode,
                    ["tx_code"] = new JsonObject { ["input_mode"] = "numeric", ["length"] = 8, ["description"] = "Kod z kartki / the code on the slip" },
                },
            },
        });
    }

    private IResult IssuerKeysDocument()
    {
        using var other = EcdsaJwsSigner.Generate();
        var key = PublishOtherKey ? other.PublicJwk.WithKeyId(IssuerKey.KeyId!) : IssuerKey.PublicJwk;
        return Results.Bytes(new JwtVcIssuerMetadata(BaseUrl, new JsonWebKeySet([key])).ToJson(), "application/json");
    }

    private IResult IssuerMetadata() => Results.Json(new JsonObject
    {
        ["credential_issuer"] = BaseUrl,
        ["credential_endpoint"] = BaseUrl + "/credential",
        ["nonce_endpoint"] = BaseUrl + "/nonce",
        ["notification_endpoint"] = BaseUrl + "/notification",
        ["credential_configurations_supported"] = new JsonObject
        {
            [ConfigurationId] = new JsonObject
            {
                ["format"] = "dc+sd-jwt",
                ["vct"] = MobileIdCredentialType.Vct,
                ["cryptographic_binding_methods_supported"] = new JsonArray("jwk"),
                ["credential_signing_alg_values_supported"] = new JsonArray("ES256"),
                ["proof_types_supported"] = new JsonObject { ["jwt"] = new JsonObject { ["proof_signing_alg_values_supported"] = new JsonArray("ES256") } },
            },
        },
    });

    private IResult AuthorizationServerMetadata()
    {
        var metadata = new JsonObject
        {
            ["issuer"] = BaseUrl,
            ["token_endpoint"] = BaseUrl + "/token",
            ["grant_types_supported"] = new JsonArray(PreAuthorizedGrant),
            ["pre-authorized_grant_anonymous_access_supported"] = true,
        };
        if (SupportDpop)
        {
            metadata["dpop_signing_alg_values_supported"] = new JsonArray("ES256");
        }

        return Results.Json(metadata);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != PreAuthorizedGrant)
        {
            return OAuthError("unsupported_grant_type", "Only the pre-authorized code grant.");
        }

        if (!_codes.TryGetValue(form["pre-authorized_code"].ToString(), out var offer))
        {
            return OAuthError("invalid_grant", "The pre-authorized code is unknown or used.");
        }

        if (form["tx_code"].Count == 0)
        {
            return OAuthError("invalid_request", "tx_code is required.");
        }

        if (form["tx_code"] != offer.TxCode)
        {
            return OAuthError("invalid_grant", "The code from the slip is wrong (2 attempts left).");
        }

        string? jkt = null;
        if (SupportDpop)
        {
            jkt = CheckDpop(context, accessToken: null, out bool nonceMissing);
            if (nonceMissing)
            {
                Interlocked.Increment(ref DpopNonceChallenges);
                context.Response.Headers["DPoP-Nonce"] = _dpopNonce;
                return OAuthError("use_dpop_nonce", "Use the DPoP-Nonce in the proof.");
            }

            if (jkt is null)
            {
                return OAuthError("invalid_dpop_proof", "A valid DPoP proof is required.");
            }
        }

        _codes.TryRemove(form["pre-authorized_code"].ToString(), out _);
        string token = Random();
        _tokens[token] = new Token(offer, jkt);
        return Results.Json(new JsonObject { ["access_token"] = token, ["token_type"] = jkt is null ? "Bearer" : "DPoP", ["expires_in"] = 300 });
    }

    private IResult Nonce(HttpContext context)
    {
        string nonce = Random();
        _nonces[nonce] = true;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new JsonObject { ["c_nonce"] = nonce });
    }

    private async Task<IResult> CredentialAsync(HttpContext context)
    {
        var token = Authorize(context);
        if (token is null)
        {
            return Unauthorized(context);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        if (!root.TryGetProperty("credential_configuration_id", out var id) || id.GetString() != ConfigurationId)
        {
            return OAuthError("unknown_credential_configuration", "Only mlegitymacja.");
        }

        if (!root.TryGetProperty("proofs", out var proofs) || !proofs.TryGetProperty("jwt", out var jwts) || jwts.GetArrayLength() != 1)
        {
            return OAuthError("invalid_proof", "One jwt proof is required.");
        }

        var proof = ReadJwt(jwts[0].GetString()!);
        if (proof is null || proof.Value.Header.GetProperty("typ").GetString() != "openid4vci-proof+jwt" || proof.Value.Header.GetProperty("alg").GetString() != "ES256"
            || proof.Value.Payload.TryGetProperty("iss", out _)
            || proof.Value.Payload.GetProperty("aud").GetString() != BaseUrl || !proof.Value.Payload.TryGetProperty("iat", out _))
        {
            return OAuthError("invalid_proof", "The key proof is not valid.");
        }

        if (!proof.Value.Payload.TryGetProperty("nonce", out var nonce) || !_nonces.TryRemove(nonce.GetString()!, out _))
        {
            return OAuthError("invalid_nonce", "Unknown or used c_nonce.");
        }

        if (RefuseNonces > 0)
        {
            RefuseNonces--;
            return OAuthError("invalid_nonce", "The c_nonce has expired.");
        }

        var holderKey = proof.Value.Key;
        if (BindToOtherKey)
        {
            using var other = EcdsaJwsSigner.Generate();
            holderKey = other.PublicJwk;
        }

        int index = Interlocked.Increment(ref _nextStatusIndex);
        StatusIndices[token.Offer.DocumentNumber] = index;
        var claims = CredentialBenchmarkScenario.SampleClaims() with
        {
            GivenName = token.Offer.GivenName,
            FamilyName = token.Offer.FamilyName,
            DocumentNumber = token.Offer.DocumentNumber,
        };
        var credential = Credentials.Issue(claims, holderKey, new StatusReference(index, StatusUri)).ToString();
        string notificationId = Random();
        _notificationIds[notificationId] = token.Offer.DocumentNumber;
        return Results.Json(new JsonObject
        {
            ["credentials"] = new JsonArray(new JsonObject { ["credential"] = credential }),
            ["notification_id"] = notificationId,
        });
    }

    private async Task<IResult> NotificationAsync(HttpContext context)
    {
        if (Authorize(context) is null)
        {
            return Unauthorized(context);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        string id = body.RootElement.GetProperty("notification_id").GetString()!;
        if (!_notificationIds.ContainsKey(id))
        {
            return OAuthError("invalid_notification_id", "Unknown notification_id.");
        }

        string? description = body.RootElement.TryGetProperty("event_description", out var text) ? text.GetString() : null;
        Notifications.Enqueue((id, body.RootElement.GetProperty("event").GetString()!, description));
        return Results.NoContent();
    }

    private IResult StatusListToken()
    {
        string token;
        lock (_statusLock)
        {
            token = new StatusListTokenWriter(IssuerKey).Write(_statusList, StatusUri, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        }

        return Results.Text(token, "application/statuslist+jwt");
    }

    /// <summary>The token of a Bearer request, or of a DPoP request whose proof is by the bound key and carries <c>ath</c>.</summary>
    private Token? Authorize(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        int space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !_tokens.TryGetValue(authorization[(space + 1)..], out var token))
        {
            return null;
        }

        string scheme = authorization[..space];
        if (token.Jkt is null)
        {
            return scheme == "Bearer" ? token : null;
        }

        if (scheme != "DPoP")
        {
            return null;
        }

        if (CheckDpop(context, authorization[(space + 1)..], out bool nonceMissing) != token.Jkt)
        {
            if (nonceMissing)
            {
                Interlocked.Increment(ref DpopNonceChallenges);
                context.Items["use_dpop_nonce"] = true;
            }

            return null;
        }

        if (context.Request.Path == "/credential")
        {
            Interlocked.Increment(ref DpopProofsAtCredentialEndpoint);
        }

        return token;
    }

    /// <summary>401 for a missing or bad token; with a DPoP nonce challenge (RFC 9449 §9) when that was the problem.</summary>
    private IResult Unauthorized(HttpContext context)
    {
        if (context.Items.ContainsKey("use_dpop_nonce"))
        {
            context.Response.Headers["DPoP-Nonce"] = _dpopNonce;
            context.Response.Headers.WWWAuthenticate = "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\"";
            return Results.StatusCode(401);
        }

        return Results.Json(new JsonObject { ["error"] = "invalid_token" }, statusCode: 401);
    }

    /// <summary>Checks the DPoP header (RFC 9449 §4.3) and returns the key's thumbprint, or null.</summary>
    private string? CheckDpop(HttpContext context, string? accessToken, out bool nonceMissing)
    {
        nonceMissing = false;
        var jwt = ReadJwt(context.Request.Headers["DPoP"].ToString());
        if (jwt is null || jwt.Value.Header.GetProperty("typ").GetString() != "dpop+jwt")
        {
            return null;
        }

        var payload = jwt.Value.Payload;
        string expectedUri = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";
        if (payload.GetProperty("htm").GetString() != context.Request.Method || payload.GetProperty("htu").GetString() != expectedUri
            || !payload.TryGetProperty("jti", out _) || !payload.TryGetProperty("iat", out _))
        {
            return null;
        }

        if (accessToken is not null)
        {
            string ath = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
            if (!payload.TryGetProperty("ath", out var sent) || sent.GetString() != ath)
            {
                return null;
            }
        }

        if (RequireDpopNonce)
        {
            if (!payload.TryGetProperty("nonce", out var nonce) || nonce.GetString() != _dpopNonce)
            {
                nonceMissing = true;
                return null;
            }
        }

        return jwt.Value.Key.Thumbprint();
    }

    /// <summary>Parses a JWT with a <c>jwk</c> header and verifies its ES256 signature with that key.</summary>
    private static (JsonElement Header, JsonElement Payload, EcPublicJwk Key)? ReadJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        if (!header.TryGetProperty("jwk", out var jwkElement) || !EcPublicJwk.TryParse(jwkElement, out var jwk, out _))
        {
            return null;
        }

        using var key = ECDsa.Create(jwk!.ToParameters());
        bool valid = key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return valid ? (header, payload, jwk) : null;
    }

    private static IResult OAuthError(string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: 400);

    private static string Random() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    private sealed record Offer(string PreAuthorizedCode, string TxCode, string GivenName, string FamilyName, string DocumentNumber);

    private sealed record Token(Offer Offer, string? Jkt);
}
