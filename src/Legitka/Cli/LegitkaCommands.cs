using System.CommandLine;
using Legitka.Cli.Bench;

namespace Legitka.Cli;

/// <summary>The verbs of the one `legitka` executable. Tokens a verb does not define are configuration (`--Key=value`).</summary>
public static class LegitkaCommands
{
    public static RootCommand Create() => Create(TimeProvider.System);

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
