using System.Buffers.Text;
using System.Text.Json;
using Legitka.Wallet.Keys;
using Legitka.Wallet.Protocol;

namespace Legitka.Wallet.Tests;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData("4821 0937", "48210937")]
    [InlineData("48210937", "48210937")]
    [InlineData(" 4821-0937 ", "48210937")]
    [InlineData("4821\u20130937", "48210937")]
    [InlineData("48 21 09 37", "48210937")]
    [InlineData("4821\t0937\n", "48210937")]
    public void Numeric_codes_lose_spaces_and_dashes(string typed, string expected) =>
        Assert.Equal(expected, TransactionCode.Normalize(typed));

    [Fact]
    public void Text_codes_are_only_trimmed() =>
        Assert.Equal("AB-12 cd", TransactionCode.Normalize("  AB-12 cd ", TxCodeRequirement.Text));

    [Theory]
    [InlineData("48210937", null)]
    [InlineData("4821093", "8")]
    [InlineData("4821093a", "digits")]
    [InlineData("", "required")]
    public void Codes_are_checked_against_the_offer(string code, string? problem)
    {
        var result = TransactionCode.Check(code, new TxCodeRequirement(TxCodeRequirement.Numeric, 8, null));
        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result);
        }
    }

    [Theory]
    [InlineData("https://issuer.example.com", "openid-credential-issuer", "https://issuer.example.com/.well-known/openid-credential-issuer")]
    [InlineData("https://issuer.example.com/", "openid-credential-issuer", "https://issuer.example.com/.well-known/openid-credential-issuer")]
    [InlineData("https://issuer.example.com/tenant", "openid-credential-issuer", "https://issuer.example.com/.well-known/openid-credential-issuer/tenant")]
    [InlineData("https://example.com/tenant/1234/", "jwt-vc-issuer", "https://example.com/.well-known/jwt-vc-issuer/tenant/1234")]
    [InlineData("http://127.0.0.1:5080", "oauth-authorization-server", "http://127.0.0.1:5080/.well-known/oauth-authorization-server")]
    [InlineData("https://example.com:8443/a", "oauth-authorization-server", "https://example.com:8443/.well-known/oauth-authorization-server/a")]
    public void Well_known_urls_put_the_suffix_between_host_and_path(string identifier, string suffix, string expected) =>
        Assert.Equal(expected, WellKnown.For(new Uri(identifier), suffix).AbsoluteUri);

    [Theory]
    [InlineData("https://issuer.example.pl/x", true)]
    [InlineData("http://127.0.0.1:5080/x", true)]
    [InlineData("http://127.5.6.7/x", true)]
    [InlineData("http://localhost:5080/x", true)]
    [InlineData("http://[::1]:5080/x", true)]
    [InlineData("http://issuer.example.pl/x", false)]
    [InlineData("http://10.0.0.1/x", false)]
    [InlineData("ftp://issuer.example.pl/x", false)]
    [InlineData("https://user:pw@issuer.example.pl/x", false)]
    [InlineData("https://issuer.example.pl/x#frag", false)]
    [InlineData("/relative", false)]
    public void Only_https_or_loopback_http_is_contacted(string url, bool allowed) =>
        Assert.Equal(allowed, UrlPolicy.TryEndpoint(url, out _, out _));

    [Fact]
    public void Identifiers_carry_no_query() =>
        Assert.False(UrlPolicy.TryIdentifier("https://issuer.example.pl/?tenant=1", out _, out _));

    [Fact]
    public void An_offer_link_by_reference_is_decoded()
    {
        var link = CredentialOfferLink.TryParse("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fserver%2Eexample%2Ecom%2Fcredential-offer%2FGkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM", out _);
        Assert.Equal("https://server.example.com/credential-offer/GkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM", link!.OfferUri!.AbsoluteUri);
    }

    [Fact]
    public void An_offer_by_value_is_parsed_as_the_spec_example()
    {
        // OpenID4VCI §4.1.2, second example.
        const string example = "openid-credential-offer://?credential_offer=%7B%22credential_issuer%22:%22https://credential-issuer.example.com%22,%22credential_configuration_ids%22:%5B%22org.iso.18013.5.1.mDL%22%5D,%22grants%22:%7B%22urn:ietf:params:oauth:grant-type:pre-authorized_code%22:%7B%22pre-authorized_code%22:%22oaKazRN8I0IbtZ0C7JuMn5%22,%22tx_code%22:%7B%22input_mode%22:%22text%22,%22description%22:%22Please%20enter%20the%20serial%20number%20of%20your%20physical%20drivers%20license%22%7D%7D%7D%7D";
        var link = CredentialOfferLink.TryParse(example, out var reason);
        Assert.True(link is not null, reason);
        using var json = JsonDocument.Parse(link.OfferJson!);
        var offer = CredentialOffer.TryParse(json.RootElement, out reason);

        Assert.True(offer is not null, reason);
        Assert.Equal("https://credential-issuer.example.com", offer.CredentialIssuer);
        Assert.Equal(["org.iso.18013.5.1.mDL"], offer.CredentialConfigurationIds);
        Assert.Equal("oaKazRN8I0IbtZ0C7JuMn5", offer.PreAuthorizedCode);
        Assert.Equal(new TxCodeRequirement("text", null, "Please enter the serial number of your physical drivers license"), offer.TxCode);
    }

    [Fact]
    public void An_empty_tx_code_object_still_requires_a_code()
    {
        using var json = JsonDocument.Parse("""{"credential_issuer":"https://i.example","credential_configuration_ids":["a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c","tx_code":{}}}}""");
        var offer = CredentialOffer.TryParse(json.RootElement, out _);
        Assert.Equal(new TxCodeRequirement("numeric", null, null), offer!.TxCode);
    }

    [Theory]
    [InlineData("openid-credential-offer://")]
    [InlineData("openid-credential-offer://?foo=bar")]
    [InlineData("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa&credential_offer=%7B%7D")]
    [InlineData("openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fissuer.example.pl%2Fo")]
    public void Bad_offer_links_are_refused(string link) => Assert.Null(CredentialOfferLink.TryParse(link, out _));

    [Fact]
    public void Offers_without_a_pre_authorized_grant_are_refused()
    {
        using var json = JsonDocument.Parse("""{"credential_issuer":"https://i.example","credential_configuration_ids":["a"],"grants":{"authorization_code":{"issuer_state":"s"}}}""");
        Assert.Null(CredentialOffer.TryParse(json.RootElement, out var reason));
        Assert.Contains("pre-authorized", reason);
    }

    [Fact]
    public void The_key_proof_has_the_contract_header_and_claims()
    {
        using var key = DeviceKey.Generate();
        var proof = ProofJwt.CreateKeyProof(key, "http://127.0.0.1:5080", "n-123", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var parts = proof.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));

        Assert.Equal("openid4vci-proof+jwt", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        var jwk = header.RootElement.GetProperty("jwk");
        Assert.False(jwk.TryGetProperty("d", out _));
        Assert.False(header.RootElement.TryGetProperty("kid", out _));
        Assert.Equal("http://127.0.0.1:5080", payload.RootElement.GetProperty("aud").GetString());
        Assert.Equal(1_800_000_000, payload.RootElement.GetProperty("iat").GetInt64());
        Assert.Equal("n-123", payload.RootElement.GetProperty("nonce").GetString());
        Assert.False(payload.RootElement.TryGetProperty("iss", out _));
        Assert.Equal(86, parts[2].Length);
    }

    [Fact]
    public void The_DPoP_proof_names_method_and_url_without_query_and_hashes_the_token()
    {
        using var key = DeviceKey.Generate();
        var proof = ProofJwt.CreateDpopProof(key, "POST", new Uri("https://issuer.example.pl/credential?x=1#y"), DateTimeOffset.UnixEpoch, "token-abc", "dpop-nonce");
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(proof.Split('.')[1]));

        Assert.Equal("POST", payload.RootElement.GetProperty("htm").GetString());
        Assert.Equal("https://issuer.example.pl/credential", payload.RootElement.GetProperty("htu").GetString());
        Assert.Equal(ProofJwt.AccessTokenHash("token-abc"), payload.RootElement.GetProperty("ath").GetString());
        Assert.Equal("dpop-nonce", payload.RootElement.GetProperty("nonce").GetString());
        Assert.Equal(22, payload.RootElement.GetProperty("jti").GetString()!.Length);
    }

    [Fact]
    public void The_device_key_survives_its_private_JWK()
    {
        using var key = DeviceKey.Generate();
        using var again = DeviceKey.TryFromPrivateJwk(key.ExportPrivateJwk(), out var reason);
        Assert.True(again is not null, reason);
        Assert.Equal(key.Thumbprint, again.Thumbprint);
        Assert.True(again.Matches(key.PublicJwk));
    }

    [Theory]
    [InlineData("""{"kty":"EC","crv":"P-256"}""")]
    [InlineData("""{"kty":"RSA"}""")]
    [InlineData("not json")]
    public void A_broken_device_key_file_is_refused(string json) =>
        Assert.Null(DeviceKey.TryFromPrivateJwk(System.Text.Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("Bearer error=\"invalid_token\", error_description=\"The token expired\"", "error", "invalid_token")]
    [InlineData("Bearer error=\"invalid_token\", error_description=\"The token expired\"", "error_description", "The token expired")]
    [InlineData("DPoP algs=\"ES256\", error=use_dpop_nonce", "error", "use_dpop_nonce")]
    [InlineData("Bearer realm=\"x\"", "error", null)]
    public void WWW_Authenticate_parameters_are_read(string challenge, string name, string? expected) =>
        Assert.Equal(expected, HttpReply.ChallengeParameter(challenge, name));

    [Fact]
    public void The_unverified_issuer_is_read_from_the_payload()
    {
        string payload = Base64Url.EncodeToString("""{"iss":"https://szkola.example.pl"}"""u8);
        Assert.Equal("https://szkola.example.pl", WalletClient.ReadUnverifiedIssuer($"eyJhbGciOiJFUzI1NiJ9.{payload}.sig~d1~"));
        Assert.Null(WalletClient.ReadUnverifiedIssuer("garbage"));
    }
}
