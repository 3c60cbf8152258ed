using System.Text.Json;
using Legitka.Data;
using Legitka.Tests.Infrastructure;

namespace Legitka.Tests.Cli;

/// <summary>`legitka bench activation` on its own: a real server, real wallets, and both checks of double redemption.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ActivationBenchTests
{
    [Fact]
    public async Task A_short_run_activates_wallets_settles_every_race_and_redeems_no_offer_twice()
    {
        string[] provider = TestDatabase.TargetProvider == DatabaseProvider.Postgres
            ? ["--postgres", Environment.GetEnvironmentVariable("LEGITKA_TEST_POSTGRES")!]
            : [];
        var (exit, output, error) = await CliRunner.RunAsync(
            ["bench", "activation", "--pupils", "60", "--wallets", "4", "--seconds", "2", "--warmup", "0", "--race-every", "2", .. provider]);

        Assert.True(exit == 0, error + output);
        var result = JsonDocument.Parse(output).RootElement;
        var load = result.GetProperty("load");
        Assert.True(load.GetProperty("activations").GetInt32() > 0, output);
        Assert.Empty(load.GetProperty("failures").EnumerateObject());
        Assert.True(load.GetProperty("raced_offers").GetInt32() > 0, output);
        // Each raced slip (two phones scanning it, or two redeeming one pre-authorized code): one card, one refusal.
        Assert.Equal(load.GetProperty("raced_offers").GetInt32(), load.GetProperty("race_losses").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(0, load.GetProperty("offers_redeemed_twice").GetInt32());
        // The register holds exactly the credentials the wallets received.
        Assert.Equal(load.GetProperty("all_successes").GetInt32(), result.GetProperty("server_credentials_issued").GetInt32());
        Assert.True(load.GetProperty("latency_ms").GetProperty("p99").GetDouble() > 0);
        // Each one-request step's p99 lies within the whole activation's slowest.
        var slowest = load.GetProperty("latency_ms").GetProperty("max").GetDouble();
        Assert.All(new[] { "offer", "token", "nonce", "credential" }, step =>
            Assert.InRange(load.GetProperty("step_p99_ms").GetProperty(step).GetDouble(), double.Epsilon, slowest));
    }

    [Fact]
    public async Task An_open_load_starts_activations_at_the_rate_asked_not_as_fast_as_wallets_finish()
    {
        string[] provider = TestDatabase.TargetProvider == DatabaseProvider.Postgres
            ? ["--postgres", Environment.GetEnvironmentVariable("LEGITKA_TEST_POSTGRES")!]
            : [];
        var (exit, output, error) = await CliRunner.RunAsync(
            ["bench", "activation", "--pupils", "60", "--wallets", "4", "--seconds", "3", "--warmup", "0", "--race-every", "0", "--rate", "4", .. provider]);

        Assert.True(exit == 0, error + output);
        var load = JsonDocument.Parse(output).RootElement.GetProperty("load");
        Assert.Equal(4, load.GetProperty("offered_per_s").GetDouble());
        // Four a second for three seconds: twelve are due, however fast the wallets finish (none after the window).
        Assert.InRange(load.GetProperty("all_attempts").GetInt32(), 1, 12);
        Assert.Empty(load.GetProperty("failures").EnumerateObject());
        Assert.True(load.GetProperty("late_starts").GetInt32() >= 0);
    }

    [Fact]
    public async Task A_rate_that_is_not_positive_is_refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["bench", "activation", "--rate", "0"]);
        Assert.Equal(2, exit);
        Assert.Contains("--rate must be a positive number", error);
    }
}
