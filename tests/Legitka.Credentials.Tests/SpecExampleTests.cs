using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>The examples of RFC 9901 and the SD-JWT VC draft, signed with the key of RFC 9901 Appendix A.5, verify with our verifier.</summary>
public sealed class SpecExampleTests
{
    private static readonly JsonWebKeySet ExampleKey = ParseKeys(
        """{"keys":[{"kty":"EC","crv":"P-256","kid":"doc-signer-05-25-2022","x":"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ","y":"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"}]}""");

    private static readonly JsonWebKeySet ExampleKeyWithoutKid = ParseKeys(
        """{"keys":[{"kty":"EC","crv":"P-256","x":"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ","y":"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"}]}""");

    [Fact]
    public void Rfc9901_5_2_presentation_with_key_binding_verifies_to_the_printed_payload()
    {
        var claims = Verify("rfc9901-5.2-presentation.txt", "example+sd-jwt", kbIat: 1748537244, "1234567890", "https://verifier.example.org");

        Assert.Equal("John", claims.GetProperty("given_name").GetString());
        Assert.Equal("Doe", claims.GetProperty("family_name").GetString());
        Assert.Equal("Anytown", claims.GetProperty("address").GetProperty("locality").GetString());
        Assert.Equal(["US"], claims.GetProperty("nationalities").EnumerateArray().Select(e => e.GetString()));
        Assert.False(claims.TryGetProperty("email", out _));
        Assert.False(claims.TryGetProperty("_sd", out _));
        Assert.False(claims.TryGetProperty("_sd_alg", out _));
    }

    [Fact]
    public void Rfc9901_a1_structured_presentation_with_decoys_verifies()
    {
        var claims = Verify("rfc9901-a1-presentation.txt", "example+sd-jwt", kbIat: null, null, null);

        var address = claims.GetProperty("address");
        Assert.Equal("港区", address.GetProperty("region").GetString());
        Assert.Equal("JP", address.GetProperty("country").GetString());
        Assert.Equal(2, address.EnumerateObject().Count());
    }

    [Fact]
    public void Rfc9901_a3_pid_presentation_with_recursive_disclosures_verifies()
    {
        var claims = Verify("rfc9901-a3-presentation.txt", "dc+sd-jwt", kbIat: 1748537244, "1234567890", "https://verifier.example.org");

        Assert.True(claims.GetProperty("age_equal_or_over").GetProperty("18").GetBoolean());
        Assert.Single(claims.GetProperty("age_equal_or_over").EnumerateObject());
        Assert.Equal("DE", claims.GetProperty("nationalities")[0].GetString());
        Assert.Equal("urn:eudi:pid:de:1", claims.GetProperty("vct").GetString());
    }

    [Fact]
    public void Sd_jwt_vc_example_1_with_key_binding_verifies()
    {
        var claims = Verify("sd-jwt-vc-01-presentation.txt", "dc+sd-jwt", kbIat: 1756420695, "1234567890", "https://example.com/verifier");

        Assert.True(claims.GetProperty("is_over_65").GetBoolean());
        Assert.Equal("123 Main St", claims.GetProperty("address").GetProperty("street_address").GetString());
    }

    [Fact]
    public void Sd_jwt_vc_example_2_without_key_binding_verifies()
    {
        var claims = Verify("sd-jwt-vc-02-presentation.txt", "dc+sd-jwt", kbIat: null, null, null);

        Assert.Equal("https://credentials.example.com/identity_credential", claims.GetProperty("vct").GetString());
    }

    [Fact]
    public void Rfc9901_example_with_a_wrong_nonce_is_refused()
    {
        var presentation = Vectors.Read("rfc9901-5.2-presentation.txt");
        var verifier = new SdJwtVerifier(Options("example+sd-jwt", 1748537244, "other", "https://verifier.example.org"));

        Assert.Equal("kb_nonce_mismatch", verifier.Verify(presentation).Error?.Code);
    }

    [Fact]
    public void Rfc9901_disclosure_digest_and_thumbprint_match_the_rfc()
    {
        // RFC 9901 §4.2.3: the family_name Disclosure and its digest.
        var disclosure = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0"u8;
        Assert.Equal("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0", Digest.Of(disclosure).ToString());

        // RFC 7638 §3.1 gives an RSA example; for our EC keys, check the thumbprint is stable and 43 base64url characters.
        var key = ExampleKey.Keys[0];
        Assert.Equal(key.Thumbprint(), key.WithKeyId("other").Thumbprint());
        Assert.Equal(43, key.Thumbprint().Length);
    }

    private static JsonElement Verify(string file, string type, long? kbIat, string? nonce, string? audience)
    {
        var verifier = new SdJwtVerifier(Options(type, kbIat, nonce, audience));
        var result = verifier.Verify(Vectors.Read(file));
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value.Claims;
    }

    private static SdJwtVerifierOptions Options(string type, long? kbIat, string? nonce, string? audience) => new()
    {
        IssuerKeys = type == "dc+sd-jwt" ? ExampleKey : ExampleKeyWithoutKid,
        ExpectedType = type,
        RequireKeyBinding = kbIat is not null,
        ExpectedNonce = nonce,
        ExpectedAudience = audience,
        TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(kbIat ?? 1748537244) + TimeSpan.FromSeconds(30)),
    };

    private static JsonWebKeySet ParseKeys(string json) => JsonWebKeySet.TryParse(JsonDocument.Parse(json).RootElement, out _)!;
}

internal static class Vectors
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", name)).Trim();
}
