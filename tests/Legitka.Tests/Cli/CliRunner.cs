using Legitka.Cli;

namespace Legitka.Tests.Cli;

/// <summary>Runs `legitka …` in-process, capturing what it prints. Console is global, so these tests never run in parallel.</summary>
internal static class CliRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        await OneAtATime.WaitAsync();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            var exitCode = await LegitkaCommands.RunAsync(args);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            OneAtATime.Release();
        }
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
