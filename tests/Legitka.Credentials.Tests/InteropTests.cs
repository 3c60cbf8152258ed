using System.Text.Json;
using System.Text.Json.Nodes;
using Legitka.Credentials.StatusList;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>Interop with the independent TypeScript implementation @sd-jwt/sd-jwt-vc and @sd-jwt/jwt-status-list.</summary>
public sealed class InteropTests : IDisposable
{
    private readonly TestCredentials _t = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("legitka-interop-").FullName;

    public void Dispose()
    {
        _t.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Our_key_bound_presentation_verifies_with_sd_jwt_js_including_status()
    {
        // sd-jwt-js checks against the real clock, so the credential is issued now.
        using var live = new LiveCredentials();
        var result = await NodeInterop.RunAsync("verify.mjs", new JsonObject
        {
            ["sdJwt"] = live.Presentation,
            ["issuerPublicJwk"] = live.IssuerPublicJwk(),
            ["nonce"] = TestCredentials.Nonce,
            ["statusListToken"] = live.StatusListToken(revoke: false),
        });

        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("keyBound").GetBoolean());
        Assert.Equal(TestCredentials.Audience, result.GetProperty("kbAudience").GetString());
        var claims = result.GetProperty("claims");
        Assert.Equal("Zofia Maria", claims.GetProperty("given_name").GetString());
        Assert.False(claims.TryGetProperty("student_status", out _));
        Assert.False(claims.TryGetProperty("pesel", out _));
    }

    [Fact]
    public async Task Our_revoked_credential_is_refused_by_sd_jwt_js()
    {
        using var live = new LiveCredentials();
        var result = await NodeInterop.RunAsync("verify.mjs", new JsonObject
        {
            ["sdJwt"] = live.Presentation,
            ["issuerPublicJwk"] = live.IssuerPublicJwk(),
            ["nonce"] = TestCredentials.Nonce,
            ["statusListToken"] = live.StatusListToken(revoke: true),
        });

        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Contains("status", result.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Our_issued_credential_with_every_disclosure_verifies_with_sd_jwt_js()
    {
        using var live = new LiveCredentials();
        var result = await NodeInterop.RunAsync("verify.mjs", new JsonObject
        {
            ["sdJwt"] = live.Issued,
            ["issuerPublicJwk"] = live.IssuerPublicJwk(),
            ["statusListToken"] = live.StatusListToken(revoke: false),
        });

        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        var claims = result.GetProperty("claims");
        Assert.Equal("Łódź", claims.GetProperty("address").GetProperty("locality").GetString());
        Assert.Equal("10231401238", claims.GetProperty("pesel").GetString());
        Assert.False(claims.GetProperty("age_over_18").GetBoolean());
        Assert.Equal("12345", claims.GetProperty("school").GetProperty("rspo").GetString());
        Assert.StartsWith("data:image/jpeg;base64,/9", claims.GetProperty("portrait").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presentation_made_by_sd_jwt_js_verifies_with_legitka_verify()
    {
        var made = await NodeInterop.RunAsync("present.mjs", new JsonObject
        {
            ["nonce"] = TestCredentials.Nonce,
            ["audience"] = TestCredentials.Audience,
            ["vct"] = SdJwtVc.MobileIdCredentialType.Vct,
        });
        var jwks = Write("jwks.json", made.GetProperty("jwks").GetRawText());
        var presentation = Write("presentation.txt", made.GetProperty("presentation").GetString()!);

        var (exit, output) = await CliRunner.RunAsync(TimeProvider.System, "verify", "--jwks", jwks, "--nonce", TestCredentials.Nonce, "--audience", TestCredentials.Audience, presentation);

        Assert.Equal(0, exit);
        Assert.Equal("NONE", output.GetProperty("status").GetString());
        var claims = output.GetProperty("claims");
        Assert.Equal("Zofia", claims.GetProperty("given_name").GetString());
        Assert.Equal("Łódź", claims.GetProperty("address").GetProperty("locality").GetString());
        Assert.False(claims.GetProperty("address").TryGetProperty("street_address", out _));
        Assert.False(claims.TryGetProperty("birthdate", out _));

        var (wrongExit, wrong) = await CliRunner.RunAsync(TimeProvider.System, "verify", "--jwks", jwks, "--nonce", "other", "--audience", TestCredentials.Audience, presentation);
        Assert.Equal(1, wrongExit);
        Assert.Equal("kb_nonce_mismatch", wrong.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Our_status_list_token_decodes_with_jwt_status_list()
    {
        var list = new TokenStatusList(100_000, 2);
        list[0] = 1;
        list[4711] = 2;
        list[99_999] = 3;
        var token = new StatusListTokenWriter(_t.IssuerKey).Write(list, TestCredentials.StatusUri, _t.Time.GetUtcNow(), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));

        var result = await NodeInterop.RunAsync("status.mjs", new JsonObject { ["mode"] = "decode", ["token"] = token, ["indexes"] = new JsonArray(0, 1, 4711, 99_999) });

        Assert.Equal(2, result.GetProperty("bits").GetInt32());
        Assert.Equal([1, 0, 2, 3], result.GetProperty("statuses").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task A_status_list_token_made_by_jwt_status_list_verifies_and_reads_with_ours()
    {
        var made = await NodeInterop.RunAsync("status.mjs", new JsonObject
        {
            ["mode"] = "create",
            ["size"] = 50_000,
            ["bits"] = 2,
            ["uri"] = TestCredentials.StatusUri,
            ["entries"] = new JsonObject { ["7"] = 1, ["12345"] = 2, ["49999"] = 3 },
        });
        var keys = Keys.JsonWebKeySet.TryParse(made.GetProperty("jwks"), out _)!;

        var verified = new StatusListTokenVerifier(keys, TimeProvider.System).Verify(made.GetProperty("token").GetString()!);

        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(TestCredentials.StatusUri, verified.Value.Subject);
        Assert.Equal(1, verified.Value.List[7]);
        Assert.Equal(2, verified.Value.List[12345]);
        Assert.Equal(3, verified.Value.List[49999]);
        Assert.Equal(0, verified.Value.List[8]);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A credential issued on the real clock, for verifiers that cannot be given a fake one.</summary>
    private sealed class LiveCredentials : IDisposable
    {
        private readonly Jose.EcdsaJwsSigner _issuer = Jose.EcdsaJwsSigner.Generate();
        private readonly Jose.EcdsaJwsSigner _holder = Jose.EcdsaJwsSigner.Generate();

        public LiveCredentials()
        {
            var claims = Benchmarking.CredentialBenchmarkScenario.SampleClaims();
            Issued = new SdJwtVc.MobileIdCredentialIssuer(_issuer, TestCredentials.Issuer, TimeProvider.System)
                .Issue(claims, _holder.PublicJwk, new StatusReference(7, TestCredentials.StatusUri)).ToString();
            Presentation = SdJwt.HeldSdJwt.TryParse(Issued)!.PresentWithKeyBinding(
                Benchmarking.CredentialBenchmarkScenario.InspectorClaims, _holder, TestCredentials.Audience, TestCredentials.Nonce, DateTimeOffset.UtcNow);
        }

        public string Issued { get; }

        public string Presentation { get; }

        public JsonNode IssuerPublicJwk() => JsonNode.Parse(new Keys.JsonWebKeySet([_issuer.PublicJwk]).ToJson())!["keys"]![0]!.DeepClone();

        public string StatusListToken(bool revoke)
        {
            var list = new TokenStatusList(1024, 2);
            if (revoke)
            {
                list[7] = (byte)StatusType.Invalid;
            }

            return new StatusListTokenWriter(_issuer).Write(list, TestCredentials.StatusUri, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        }

        public void Dispose()
        {
            _issuer.Dispose();
            _holder.Dispose();
        }
    }
}
