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
            ["bench", "activation", "--pupils", "400", "--wallets", "4", "--warmup", "2.5", "--seconds", "3", "--race-every", "0", "--rate", "4", .. provider]);

        Assert.True(exit == 0, error + output);
        var load = JsonDocument.Parse(output).RootElement.GetProperty("load");
        Assert.Equal(4, load.GetProperty("offered_per_s").GetDouble());
        // Four a second for three seconds: exactly twelve are due and counted, however fast or slow the wallets are;
        // the closed warm-up's activations (half a second before the two-second drain, in which a warmed-up process in
        // the test run gets through many, and a busy test machine at least one) run but are not counted, and do not use
        // up the slips.
        Assert.False(load.GetProperty("ran_out_of_codes").GetBoolean(), output);
        Assert.Equal(12, load.GetProperty("activations").GetInt32());
        Assert.True(load.GetProperty("all_attempts").GetInt32() > 12, output);
        Assert.Empty(load.GetProperty("failures").EnumerateObject());
        Assert.InRange(load.GetProperty("activations_per_s").GetDouble(), 0.1, 4);
        // Latency runs from when an activation was due, so it is never shorter than how late it started.
        Assert.InRange(load.GetProperty("start_delay_ms").GetProperty("max").GetDouble(), 0, load.GetProperty("latency_ms").GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task A_rate_that_is_not_a_positive_number_is_refused()
    {
        foreach (var rate in new[] { "0", "-5", "NaN", "Infinity" })
        {
            var (exit, _, error) = await CliRunner.RunAsync(["bench", "activation", "--rate", rate]);
            Assert.Equal(2, exit);
            Assert.Contains("--rate must be a positive number", error);
        }
    }
}
