using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Legitka.Tests.Issuance;

/// <summary>
/// A minimal OpenID4VCI wallet written from the spec for these tests, independent of the server code and of
/// legitka-wallet: each step is a plain HTTP call whose raw answer the test can inspect.
/// </summary>
internal sealed class TestHolder(HttpClient http, string issuer, TimeProvider clock) : IDisposable
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public JsonObject PublicJwk
    {
        get
        {
            var p = Key.ExportParameters(false);
            return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y) };
        }
    }

    public static string ReferenceOf(string offerUri)
    {
        var encoded = offerUri[(offerUri.IndexOf("credential_offer_uri=", StringComparison.Ordinal) + "credential_offer_uri=".Length)..];
        var url = Uri.UnescapeDataString(encoded);
        return url[(url.LastIndexOf('/') + 1)..];
    }

    public async Task<HttpResponseMessage> FetchOfferAsync(string offerUri)
    {
        var url = Uri.UnescapeDataString(offerUri[(offerUri.IndexOf('=') + 1)..]);
        return await http.GetAsync(new Uri(url).PathAndQuery);
    }

    public async Task<string> PreAuthorizedCodeAsync(string offerUri)
    {
        var response = await FetchOfferAsync(offerUri);
        response.EnsureSuccessStatusCode();
        var offer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return offer["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> TokenAsync(string preAuthorizedCode, string? txCode, string? dpop = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
                ["pre-authorized_code"] = preAuthorizedCode,
                ["tx_code"] = txCode ?? "",
            }),
        };
        if (dpop is not null)
        {
            request.Headers.Add("DPoP", dpop);
        }

        return http.SendAsync(request);
    }

    /// <summary>A DPoP proof (RFC 9449) by <see cref="Key"/> for a request to this issuer; with the access token's hash for a resource.</summary>
    public string Dpop(string method, string path, string? accessToken = null)
    {
        var header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = "ES256", ["jwk"] = PublicJwk };
        var payload = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["htm"] = method,
            ["htu"] = issuer + path,
            ["iat"] = clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
        {
            payload["ath"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        return Sign(header, payload, Key);
    }

    public async Task<string> NonceAsync()
    {
        var response = await http.PostAsync("/nonce", null);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
    }

    public string Proof(string nonce, string? audience = null, string type = "openid4vci-proof+jwt", string alg = "ES256",
        ECDsa? signWith = null, DateTimeOffset? issuedAt = null)
    {
        var header = new JsonObject { ["typ"] = type, ["alg"] = alg, ["jwk"] = PublicJwk };
        var payload = new JsonObject
        {
            ["aud"] = audience ?? issuer,
            ["iat"] = (issuedAt ?? clock.GetUtcNow()).ToUnixTimeSeconds(),
            ["nonce"] = nonce,
        };
        return Sign(header, payload, signWith ?? Key);
    }

    public Task<HttpResponseMessage> CredentialAsync(string accessToken, string proof, string configurationId = "mlegitymacja", string? dpop = null) =>
        ResourceAsync("/credential", accessToken, dpop, new JsonObject
        {
            ["credential_configuration_id"] = configurationId,
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proof) },
        });

    public Task<HttpResponseMessage> NotificationAsync(string accessToken, string notificationId, string walletEvent, string? dpop = null) =>
        ResourceAsync("/notification", accessToken, dpop, new JsonObject { ["notification_id"] = notificationId, ["event"] = walletEvent });

    private Task<HttpResponseMessage> ResourceAsync(string path, string accessToken, string? dpop, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new(dpop is null ? "Bearer" : "DPoP", accessToken);
        if (dpop is not null)
        {
            request.Headers.Add("DPoP", dpop);
        }

        return http.SendAsync(request);
    }

    /// <summary>Offer → token → nonce → credential; returns the credential and the notification id.</summary>
    public async Task<(string Credential, string NotificationId, string AccessToken)> ActivateAsync(string offerUri, string activationCode)
    {
        var code = await PreAuthorizedCodeAsync(offerUri);
        var token = await TokenAsync(code, activationCode);
        var tokenBody = await token.Content.ReadAsStringAsync();
        if (!token.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"token: {(int)token.StatusCode} {tokenBody}");
        }

        var accessToken = JsonNode.Parse(tokenBody)!["access_token"]!.GetValue<string>();
        var response = await CredentialAsync(accessToken, Proof(await NonceAsync()));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"credential: {(int)response.StatusCode} {body}");
        }

        var json = JsonNode.Parse(body)!;
        return (json["credentials"]![0]!["credential"]!.GetValue<string>(), json["notification_id"]!.GetValue<string>(), accessToken);
    }

    public static string Sign(JsonObject header, JsonObject payload, ECDsa key)
    {
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }

    public static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    public void Dispose() => Key.Dispose();
}
