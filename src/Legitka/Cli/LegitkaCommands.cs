using System.CommandLine;

namespace Legitka.Cli;

/// <summary>The verbs of the one `legitka` executable. Tokens a verb does not define are configuration (`--Key=value`).</summary>
public static class LegitkaCommands
{
    public static RootCommand Create() => new("Legitka: issue, run and revoke the mLegitymacja szkolna.")
    {
        ServeCommand.Create(),
        SchoolsCommand.Create(),
        UsersCommand.Create(),
        ImportCommand.Create(),
        RegisterCommand.Create(),
        AuditCommand.Create(),
        BenchCommand.Create(),
    };
}
