using System.CommandLine;

namespace Legitka.Cli;

/// <summary>The verbs of the one `legitka` executable.</summary>
public static class LegitkaCommands
{
    public static RootCommand Create() => Create(TimeProvider.System);

    /// <summary>The command tree with an explicit clock, so tests can run the commands at a fixed time.</summary>
    public static RootCommand Create(TimeProvider time)
    {
        var root = new RootCommand("Legitka: issue, run and revoke the mLegitymacja szkolna.");
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create(time));
        return root;
    }
}
