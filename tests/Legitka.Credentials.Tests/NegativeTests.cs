using System.Buffers.Text;
using System.Text;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.StatusList;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>Every refusal the issue lists, each with its own error code.</summary>
public sealed class NegativeTests : IDisposable
{
    private readonly TestCredentials _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void A_fresh_presentation_is_valid()
    {
        var result = _t.Verifier().Verify(_t.PresentInspectorClaims(), _t.StatusListToken());
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(SdJwtVc.CredentialStatus.Valid, result.Value.Status);
    }

    [Fact]
    public void Tampered_disclosure() =>
        Refused("disclosure_digest_mismatch", ReplaceDisclosure(_t.PresentInspectorClaims(), "given_name", """["c2FsdA","given_name","Ewa"]"""));

    [Fact]
    public void Disclosure_not_connected_to_the_issuer_signed_jwt()
    {
        // The locality alone, with a forged parent that references it: the chain never reaches the signed payload.
        var issued = _t.Issue();
        var locality = HeldSdJwt.TryParse(issued)!.Disclosures.Single(d => d.Name == "locality").Encoded;
        var forgedParent = Encode($$"""["c2FsdA","address",{"_sd":["{{Digest.Of(Encoding.ASCII.GetBytes(locality))}}"]}]""");
        var sdJwt = issued.Split('~')[0] + "~" + locality + "~" + forgedParent + "~";
        Refused("unreferenced_disclosure", KeyBindingJwtWriter.Append(sdJwt, _t.HolderKey, TestCredentials.Audience, TestCredentials.Nonce, _t.Time.GetUtcNow()));
    }

    [Fact]
    public void Duplicated_disclosure()
    {
        var issued = _t.Issue();
        var given = HeldSdJwt.TryParse(issued)!.Disclosures.Single(d => d.Name == "given_name").Encoded;
        Refused("duplicate_disclosure", Bind(issued.Split('~')[0] + "~" + given + "~" + given + "~"));
    }

    [Fact]
    public void Wrong_signature()
    {
        using var other = EcdsaJwsSigner.Generate();
        var forged = new SdJwtVc.MobileIdCredentialIssuer(new RenamedSigner(other, _t.IssuerKey.KeyId!), TestCredentials.Issuer, _t.Time)
            .Issue(_t.Claims, _t.HolderKey.PublicJwk, new StatusReference(1, TestCredentials.StatusUri)).ToString();
        Refused("invalid_signature", _t.Present(forged, ["given_name"]));
    }

    [Fact]
    public void Unknown_kid()
    {
        using var other = EcdsaJwsSigner.Generate();
        var issued = new SdJwtVc.MobileIdCredentialIssuer(other, TestCredentials.Issuer, _t.Time)
            .Issue(_t.Claims, _t.HolderKey.PublicJwk, new StatusReference(1, TestCredentials.StatusUri)).ToString();
        Refused("unknown_kid", _t.Present(issued, ["given_name"]));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public void Disallowed_algorithm(string alg) => Refused("disallowed_alg", ReplaceHeader(_t.PresentInspectorClaims(), $$"""{"alg":"{{alg}}","typ":"dc+sd-jwt"}"""));

    [Fact]
    public void Wrong_typ() => Refused("invalid_typ", ReplaceHeader(_t.PresentInspectorClaims(), $$"""{"alg":"ES256","typ":"JWT","kid":"{{_t.IssuerKey.KeyId}}"}"""));

    [Fact]
    public void Expired()
    {
        var presentation = _t.PresentInspectorClaims();
        _t.Time.SetUtcNow(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
        Refused("expired", presentation, kbAgeOverride: true);
    }

    [Fact]
    public void Not_yet_valid()
    {
        // The verifier's clock is an hour behind the issuer's: the credential's iat is in its future.
        var earlier = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_t.Time.GetUtcNow() - TimeSpan.FromHours(1));
        var result = new SdJwtVerifier(_t.Options() with { TimeProvider = earlier }).Verify(_t.PresentInspectorClaims());
        Assert.Equal("not_yet_valid", result.Error?.Code);
    }

    [Fact]
    public void Missing_key_binding_where_required() => Refused("kb_missing", HeldSdJwt.TryParse(_t.Issue())!.Present([["given_name"]]));

    [Fact]
    public void Wrong_nonce() =>
        Refused("kb_nonce_mismatch", HeldSdJwt.TryParse(_t.Issue())!.PresentWithKeyBinding([["given_name"]], _t.HolderKey, TestCredentials.Audience, "another", _t.Time.GetUtcNow()));

    [Fact]
    public void Wrong_audience() =>
        Refused("kb_audience_mismatch", HeldSdJwt.TryParse(_t.Issue())!.PresentWithKeyBinding([["given_name"]], _t.HolderKey, "https://evil.example", TestCredentials.Nonce, _t.Time.GetUtcNow()));

    [Fact]
    public void Stale_key_binding_iat() =>
        Refused("kb_stale", HeldSdJwt.TryParse(_t.Issue())!.PresentWithKeyBinding([["given_name"]], _t.HolderKey, TestCredentials.Audience, TestCredentials.Nonce, _t.Time.GetUtcNow() - TimeSpan.FromMinutes(10)));

    [Fact]
    public void Key_binding_by_another_key()
    {
        using var thief = EcdsaJwsSigner.Generate();
        Refused("kb_invalid_signature", HeldSdJwt.TryParse(_t.Issue())!.PresentWithKeyBinding([["given_name"]], thief, TestCredentials.Audience, TestCredentials.Nonce, _t.Time.GetUtcNow()));
    }

    [Fact]
    public void Sd_hash_mismatch()
    {
        // A disclosure removed after the holder signed: the KB-JWT still verifies, but covers different bytes.
        var presentation = _t.PresentInspectorClaims();
        var parts = presentation.Split('~').ToList();
        parts.RemoveAt(1);
        Refused("kb_sd_hash_mismatch", string.Join('~', parts));
    }

    [Fact]
    public void Revoked()
    {
        var result = _t.Verifier().Verify(_t.Present(_t.Issue(statusIndex: 7), ["given_name"]), _t.StatusListToken(l => l[7] = (byte)StatusType.Invalid));
        Assert.Equal("status_invalid", result.Error?.Code);
    }

    [Fact]
    public void Suspended()
    {
        var result = _t.Verifier().Verify(_t.Present(_t.Issue(statusIndex: 9), ["given_name"]), _t.StatusListToken(l => l[9] = (byte)StatusType.Suspended));
        Assert.Equal("status_suspended", result.Error?.Code);
    }

    [Fact]
    public void Status_not_checked_is_refused_unless_allowed()
    {
        var presentation = _t.PresentInspectorClaims();
        Assert.Equal("status_unchecked", _t.Verifier().Verify(presentation, null).Error?.Code);
        Assert.Equal(SdJwtVc.CredentialStatus.Unchecked, _t.Verifier().Verify(presentation, null, allowUncheckedStatus: true).Value?.Status);
    }

    [Fact]
    public void Status_list_for_another_uri_or_expired()
    {
        var presentation = _t.PresentInspectorClaims();
        var other = new StatusListTokenWriter(_t.IssuerKey).Write(new TokenStatusList(1024, 2), "https://elsewhere/1", _t.Time.GetUtcNow(), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        Assert.Equal("status_list_mismatch", _t.Verifier().Verify(presentation, other).Error?.Code);
        var old = new StatusListTokenWriter(_t.IssuerKey).Write(new TokenStatusList(1024, 2), TestCredentials.StatusUri, _t.Time.GetUtcNow() - TimeSpan.FromHours(3), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        Assert.Equal("status_list_expired", _t.Verifier().Verify(presentation, old).Error?.Code);
    }

    [Theory]
    [InlineData("not a credential")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.AAAA")]
    [InlineData("e30.e30~")]
    [InlineData("~~")]
    public void Malformed(string input) => Refused("malformed", input);

    [Fact]
    public void Malformed_base64_in_a_disclosure()
    {
        var issued = _t.Issue();
        Refused("malformed_disclosure", Bind(issued.Split('~')[0] + "~" + "WyJ-not*base64" + "~"), expectedAlternative: "malformed");
        Refused("malformed_disclosure", Bind(issued.Split('~')[0] + "~" + "WyJub3QganNvbg" + "~"));
    }

    [Fact]
    public void Malformed_json_payload()
    {
        var presentation = _t.PresentInspectorClaims();
        var jwt = presentation.Split('~')[0].Split('.');
        var payload = Base64Url.EncodeToString("{\"iss\":"u8);
        var header = Encoding.ASCII.GetBytes(jwt[0] + "." + payload);
        var signature = new byte[64];
        _t.IssuerKey.Sign(header, signature);
        var forged = jwt[0] + "." + payload + "." + Base64Url.EncodeToString(signature);
        Refused("malformed", forged + presentation[presentation.IndexOf('~', StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Oversized_input() => Refused("too_large", new string('A', SdJwtLimits.Default.MaxLength + 1) + "~");

    [Fact]
    public void Too_many_disclosures() => Refused("too_large", _t.Issue().Split('~')[0] + new string('~', SdJwtLimits.Default.MaxDisclosures + 2));

    [Fact]
    public void Status_claim_cannot_be_hidden_in_a_disclosure()
    {
        var writer = new SdJwtPayloadWriter();
        writer.WriteStartObject();
        writer.WriteString("vct", SdJwtVc.MobileIdCredentialType.Vct, disclosable: false);
        writer.WriteNumber("exp", _t.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds(), disclosable: true);
        writer.WriteEndObject();
        var issued = new SdJwtIssuer(_t.IssuerKey, "dc+sd-jwt").Issue(writer).ToString();
        var verifier = new SdJwtVerifier(_t.Options() with { RequireKeyBinding = false, RequireExpiration = false });
        Assert.Equal("forbidden_disclosure", verifier.Verify(issued).Error?.Code);
    }

    [Fact]
    public void Claim_name_collision()
    {
        var writer = new SdJwtPayloadWriter();
        writer.WriteStartObject();
        writer.WriteString("given_name", "Jan", disclosable: false);
        writer.WriteString("given_name", "Adam", disclosable: true);
        writer.WriteEndObject();
        var issued = new SdJwtIssuer(_t.IssuerKey, "dc+sd-jwt").Issue(writer).ToString();
        var verifier = new SdJwtVerifier(_t.Options() with { RequireKeyBinding = false, RequireExpiration = false });
        Assert.Equal("sd_collision", verifier.Verify(issued).Error?.Code);
    }

    [Fact]
    public void Retired_key_stops_verifying_after_its_date()
    {
        using var next = EcdsaJwsSigner.Generate();
        var ring = new IssuerKeyRing(next, next.PublicJwk, [new RetiredKey(_t.IssuerKey.PublicJwk, _t.Time.GetUtcNow().AddDays(30))]);
        var options = _t.Options() with { IssuerKeys = ring };
        var presentation = _t.PresentInspectorClaims();
        Assert.True(new SdJwtVerifier(options).Verify(presentation).IsValid);
        Assert.Contains(ring.PublishedKeys(_t.Time.GetUtcNow()).Keys, k => k.KeyId == _t.IssuerKey.KeyId);

        _t.Time.Advance(TimeSpan.FromDays(31));
        Assert.DoesNotContain(ring.PublishedKeys(_t.Time.GetUtcNow()).Keys, k => k.KeyId == _t.IssuerKey.KeyId);
        Assert.Equal("unknown_kid", new SdJwtVerifier(options).Verify(presentation).Error?.Code);
    }

    private void Refused(string code, string presentation, bool kbAgeOverride = false, string? expectedAlternative = null)
    {
        var options = kbAgeOverride ? _t.Options() with { KeyBindingMaxAge = TimeSpan.FromDays(3650) } : _t.Options();
        var result = new SdJwtVc.SdJwtVcVerifier(options, SdJwtVc.MobileIdCredentialType.Vct).Verify(presentation, _t.StatusListToken());
        Assert.False(result.IsValid);
        Assert.True(result.Error.Code == code || result.Error.Code == expectedAlternative, $"expected {code}, got {result.Error}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    private string Bind(string sdJwt) => KeyBindingJwtWriter.Append(sdJwt, _t.HolderKey, TestCredentials.Audience, TestCredentials.Nonce, _t.Time.GetUtcNow());

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private string ReplaceDisclosure(string presentation, string name, string json)
    {
        var parts = presentation.Split('~');
        var held = HeldSdJwt.TryParse(string.Join('~', parts[..^1]) + "~")!;
        var target = held.Disclosures.Single(d => d.Name == name).Encoded;
        var sdJwt = string.Join('~', parts[..^1].Select(p => p == target ? Encode(json) : p)) + "~";
        return Bind(sdJwt);
    }

    private string ReplaceHeader(string presentation, string headerJson)
    {
        var parts = presentation.Split('~');
        var jwt = parts[0].Split('.');
        parts[0] = Encode(headerJson) + "." + jwt[1] + "." + jwt[2];
        return Bind(string.Join('~', parts[..^1]) + "~");
    }

    /// <summary>Signs with another key under the trusted key's kid: a forgery the signature check must catch.</summary>
    private sealed class RenamedSigner(IJwsSigner inner, string kid) : IJwsSigner
    {
        public string Algorithm => inner.Algorithm;

        public string? KeyId => kid;

        public int Sign(ReadOnlySpan<byte> signingInput, Span<byte> signature) => inner.Sign(signingInput, signature);
    }
}
