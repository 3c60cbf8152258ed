using System.CommandLine;
using System.Text.Json;
using Legitka.Cli;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>Runs a <c>legitka</c> command in-process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, JsonElement Output)> RunAsync(TimeProvider time, params string[] args)
    {
        var output = new StringWriter();
        var exit = await LegitkaCommands.Create(time).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (exit, JsonDocument.Parse(output.ToString()).RootElement);
    }
}
