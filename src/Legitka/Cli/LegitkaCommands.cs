using System.CommandLine;
using Legitka.Cli.Bench;

namespace Legitka.Cli;

/// <summary>The verbs of the one `legitka` executable. Tokens a verb does not define are configuration (`--Key=value`).</summary>
public static class LegitkaCommands
{
    public static RootCommand Create() => Create(TimeProvider.System);

    /// <summary>Runs a command line; a wrongly set-up deployment is one line on standard error and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Unwrap(e) is DeploymentProblemException problem)
        {
            await Console.Error.WriteLineAsync("error: " + problem.Message);
            return 2;
        }
        catch (Exception e)
        {
            // What System.CommandLine's own handler would print: a bug, with its stack trace.
            await Console.Error.WriteLineAsync("Unhandled exception: " + e);
            return 1;
        }
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e;

    /// <summary>The command tree with an explicit clock, so tests can run time-dependent verbs (verify) at a fixed time.</summary>
    public static RootCommand Create(TimeProvider time) => new("Legitka: issue, run and revoke the mLegitymacja szkolna.")
    {
        ServeCommand.Create(),
        SchoolsCommand.Create(),
        UsersCommand.Create(),
        ImportCommand.Create(),
        CodesCommand.Create(),
        RegisterCommand.Create(),
        AuditCommand.Create(),
        BenchCommand.Create(),
        VerifyCommand.Create(time),
    };
}
