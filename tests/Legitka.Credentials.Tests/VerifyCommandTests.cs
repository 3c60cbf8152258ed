using Legitka.Credentials.StatusList;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary><c>legitka verify</c>: the JSON and exit codes of issue 4.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly TestCredentials _t = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("legitka-verify-").FullName;

    public void Dispose()
    {
        _t.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Valid_presentation_prints_valid_status_and_only_disclosed_claims()
    {
        var (exit, output) = await Verify(_t.PresentInspectorClaims(), _t.StatusListToken());

        Assert.Equal(0, exit);
        Assert.True(output.GetProperty("valid").GetBoolean());
        Assert.Equal("VALID", output.GetProperty("status").GetString());
        var claims = output.GetProperty("claims");
        Assert.Equal("Zofia Maria", claims.GetProperty("given_name").GetString());
        Assert.Equal("Wiśniewska-Żółkiewska", claims.GetProperty("family_name").GetString());
        Assert.StartsWith("data:image/jpeg;base64,", claims.GetProperty("portrait").GetString(), StringComparison.Ordinal);
        Assert.False(claims.TryGetProperty("pesel", out _));
        Assert.False(claims.TryGetProperty("address", out _));
    }

    [Fact]
    public async Task Revoked_credential_is_invalid_with_exit_code_1()
    {
        var (exit, output) = await Verify(_t.Present(_t.Issue(statusIndex: 7), ["given_name"]), _t.StatusListToken(l => l[7] = (byte)StatusType.Invalid));

        Assert.Equal(1, exit);
        Assert.False(output.GetProperty("valid").GetBoolean());
        Assert.Equal("status_invalid", output.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(output.GetProperty("message").GetString()));
        Assert.Equal(3, output.EnumerateObject().Count());
    }

    [Fact]
    public async Task Without_a_status_list_token_the_answer_is_invalid_unless_skipped()
    {
        var presentation = _t.PresentInspectorClaims();
        var (exit, output) = await Verify(presentation, statusList: null);
        Assert.Equal(1, exit);
        Assert.Equal("status_unchecked", output.GetProperty("error").GetString());

        var (skipExit, skipped) = await Verify(presentation, statusList: null, "--skip-status");
        Assert.Equal(0, skipExit);
        Assert.Equal("UNCHECKED", skipped.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Issuer_metadata_document_is_accepted_and_its_issuer_enforced()
    {
        var presentation = _t.PresentInspectorClaims();
        var metadata = Path.Combine(_dir, "jwt-vc-issuer.json");
        File.WriteAllBytes(metadata, new Keys.JwtVcIssuerMetadata(TestCredentials.Issuer, _t.Jwks).ToJson());
        var input = Write("presentation.txt", presentation);
        var (exit, _) = await CliRunner.RunAsync(_t.Time, "verify", "--jwks", metadata, "--nonce", TestCredentials.Nonce, "--audience", TestCredentials.Audience, "--skip-status", input);
        Assert.Equal(0, exit);

        File.WriteAllBytes(metadata, new Keys.JwtVcIssuerMetadata("https://other.example.pl", _t.Jwks).ToJson());
        var (otherExit, other) = await CliRunner.RunAsync(_t.Time, "verify", "--jwks", metadata, "--nonce", TestCredentials.Nonce, "--audience", TestCredentials.Audience, "--skip-status", input);
        Assert.Equal(1, otherExit);
        Assert.Equal("invalid_issuer", other.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Missing_jwks_or_nonce_is_refused_before_reading_anything()
    {
        var input = Write("presentation.txt", _t.PresentInspectorClaims());
        var (exit, output) = await CliRunner.RunAsync(_t.Time, "verify", "--nonce", "n", "--audience", "a", input);
        Assert.Equal(1, exit);
        Assert.Equal("jwks_required", output.GetProperty("error").GetString());

        var (exit2, output2) = await CliRunner.RunAsync(_t.Time, "verify", "--jwks", Write("jwks.json", _t.Jwks.ToJson()), input);
        Assert.Equal(1, exit2);
        Assert.Equal("kb_parameters_required", output2.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Wrong_nonce_is_reported()
    {
        var input = Write("presentation.txt", _t.PresentInspectorClaims());
        var (exit, output) = await CliRunner.RunAsync(_t.Time, "verify", "--jwks", Write("jwks.json", _t.Jwks.ToJson()), "--nonce", "replayed", "--audience", TestCredentials.Audience, "--skip-status", input);
        Assert.Equal(1, exit);
        Assert.Equal("kb_nonce_mismatch", output.GetProperty("error").GetString());
    }

    private Task<(int, System.Text.Json.JsonElement)> Verify(string presentation, string? statusList, params string[] extra)
    {
        var args = new List<string> { "verify", "--jwks", Write("jwks.json", _t.Jwks.ToJson()), "--nonce", TestCredentials.Nonce, "--audience", TestCredentials.Audience };
        if (statusList is not null)
        {
            args.AddRange(["--status-list-token", Write("status.jwt", statusList)]);
        }

        args.AddRange(extra);
        args.Add(Write("presentation.txt", presentation));
        return CliRunner.RunAsync(_t.Time, [.. args]);
    }

    private string Write(string name, string content) => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
