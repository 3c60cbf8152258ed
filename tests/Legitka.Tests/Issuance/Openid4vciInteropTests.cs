using System.Diagnostics;
using System.Text.Json;
using Legitka.Audit;
using Legitka.Codes;
using Legitka.Credentials.SdJwtVc;
using Legitka.Tests.Portal;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>
/// Activation by an independent wallet: tests/interop/openid4vci-activate.mjs drives the whole pre-authorized flow with
/// @openid4vc/openid4vci (OpenWallet Foundation's oid4vc-ts) and verifies the credential with @sd-jwt/sd-jwt-vc.
/// </summary>
public sealed class Openid4vciInteropTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);

    private TestApp App => fixture.App;

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public async Task The_openid4vci_library_activates_and_verifies_a_bound_credential(int pupilIndex, bool dpop)
    {
        var code = await CodeForAsync(pupilIndex);

        var (result, log) = await ActivateAsync(code.OfferUri, code.ActivationCode, dpop);

        Assert.True(result.GetProperty("ok").GetBoolean(), $"{result}\n{log}");
        Assert.Equal(MobileIdCredentialType.Vct, result.GetProperty("vct").GetString());
        Assert.True(result.GetProperty("cnf_matches").GetBoolean());
        Assert.Equal(dpop ? "DPoP" : "Bearer", result.GetProperty("token_type").GetString());
        Assert.Equal("V1", result.GetProperty("openid4vci_version").GetString());
        var pupil = await App.WithDbAsync(db => db.Pupils.SingleAsync(p => p.Id == code.PupilId));
        Assert.Equal(pupil.GivenNames, result.GetProperty("given_name").GetString());
        Assert.Equal(pupil.FamilyName, result.GetProperty("family_name").GetString());

        // The server recorded the activation for the wallet's key, and the wallet's notification reached it.
        var issued = await App.WithDbAsync(db => db.IssuedMobileIds.SingleAsync(c => c.PupilId == code.PupilId));
        Assert.Equal(result.GetProperty("key_thumbprint").GetString(), issued.KeyThumbprint);
        Assert.True(result.GetProperty("notified").GetBoolean());
        Assert.Equal("credential_accepted", issued.WalletEvent);
        await App.SealAuditAsync();
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "mobileid.activated" && e.EntityId == code.PupilId.ToString())));
    }

    [Fact]
    public async Task A_wrong_tx_code_stops_the_library_at_the_token_step_with_invalid_grant()
    {
        var code = await CodeForAsync(12);
        var wrong = code.ActivationCode == "00000000" ? "00000001" : "00000000";

        var (result, log) = await ActivateAsync(code.OfferUri, wrong, dpop: false);

        Assert.False(result.GetProperty("ok").GetBoolean(), log);
        Assert.Equal("token", result.GetProperty("step").GetString());
        Assert.Equal("invalid_grant", result.GetProperty("error").GetString());
        Assert.Equal(400, result.GetProperty("status").GetInt32());
        Assert.False(await App.WithDbAsync(db => db.IssuedMobileIds.AnyAsync(c => c.PupilId == code.PupilId)));
        var offer = await App.WithDbAsync(db => db.ActivationOffers.SingleAsync(o => o.PupilId == code.PupilId));
        Assert.Equal(1, offer.FailedAttempts);
    }

    /// <summary>A fresh code for one pupil of 8D.</summary>
    private async Task<IssuedCode> CodeForAsync(int pupilIndex)
    {
        // The wallet runs on this machine's clock (the library sets its proofs' and DPoP's iat itself), so the
        // issuer's test clock is first moved up to it.
        if (DateTimeOffset.UtcNow > App.Clock.GetUtcNow())
        {
            App.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        }

        var pupil = await App.WithDbAsync(db => (
            from p in db.Pupils join c in db.Classes on p.ClassId equals c.Id
            where c.Name == "8D" orderby p.FamilyName, p.GivenNames, p.Id select new { p.Id, p.SchoolId }).Skip(pupilIndex).FirstAsync());
        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        var request = await generator.RequestAsync(pupil.SchoolId, Actor.Cli(), [], pupil.Id, holdLease: true);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        await generator.RunAsync(request.Batch!);
        return Assert.Single(await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(request.Batch!.Id));
    }

    /// <summary>
    /// Runs the wallet script: its one line of JSON on stdout is the answer (exit code 1 goes with ok=false), its
    /// stderr the trace of every HTTP exchange, for the failure message.
    /// </summary>
    private async Task<(JsonElement Result, string Log)> ActivateAsync(string offerUri, string activationCode, bool dpop)
    {
        var directory = Path.Combine(UiTextTests.RepositoryRoot(), "tests", "interop");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@openid4vc", "openid4vci")))
        {
            Assert.Fail($"The interop packages are not installed. Run: npm ci --prefix tests/interop  (looked in {directory})");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "openid4vci-activate.mjs", "--offer", offerUri, "--code", activationCode, "--insecure", "--trace" },
        };
        if (dpop)
        {
            start.ArgumentList.Add("--dpop");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(NodeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"openid4vci-activate.mjs did not finish within {NodeTimeout.TotalSeconds} s.");
        }

        var (output, log) = ((await stdout).Trim(), await stderr);
        Assert.True(output.Length > 0, $"openid4vci-activate.mjs printed nothing (exit {process.ExitCode}): {log}");
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(result.GetProperty("ok").GetBoolean() ? 0 : 1, process.ExitCode);
        return (result, log);
    }
}
