using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Legitka.Credentials.Benchmarking;

namespace Legitka.Cli.Bench;

/// <summary><c>legitka bench …</c>: quick single-thread throughput figures; one subcommand per area.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure throughput on one thread and print JSON.");
        bench.Subcommands.Add(Credentials());
        bench.Subcommands.Add(ImportBenchCommand.Create());
        bench.Subcommands.Add(PhotoBenchCommand.Create());
        bench.Subcommands.Add(CodesBenchCommand.Create());
        bench.Subcommands.Add(ActivationBenchCommand.Create());
        return bench;
    }

    private static Command Credentials()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per workload.", DefaultValueFactory = _ => 2 };
        var command = new Command("credentials", "Issue an mLegitymacja (15 KB portrait), verify a key-bound presentation, build a 1,000,000-entry status list.");
        command.Options.Add(seconds);
        command.SetAction((parse, cancel) =>
        {
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            using var scenario = new CredentialBenchmarkScenario();
            double issuePerSecond = PerSecond(() => scenario.Issue(), duration);
            double verifyPerSecond = PerSecond(() => scenario.VerifyPresentation(), duration);
            double statusListMs = 1000 / PerSecond(() => scenario.BuildStatusList(), duration);
            var output = new BenchOutput(Math.Round(issuePerSecond), Math.Round(verifyPerSecond), Math.Round(statusListMs, 1));
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(output, CliJson.Options));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Runs <paramref name="work"/> for a warm-up second (JIT tiers, caches), then counts calls for <paramref name="duration"/>.</summary>
    private static double PerSecond(Func<object> work, TimeSpan duration)
    {
        Run(work, TimeSpan.FromSeconds(1));
        var (count, elapsed) = Run(work, duration);
        return count / elapsed.TotalSeconds;
    }

    private static (long Count, TimeSpan Elapsed) Run(Func<object> work, TimeSpan duration)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            GC.KeepAlive(work());
            count++;
        }

        return (count, clock.Elapsed);
    }

    private sealed record BenchOutput(
        [property: JsonPropertyName("issue_per_s")] double IssuePerSecond,
        [property: JsonPropertyName("verify_kb_per_s")] double VerifyKeyBoundPerSecond,
        [property: JsonPropertyName("status_list_1m_ms")] double StatusListMilliseconds);
}
