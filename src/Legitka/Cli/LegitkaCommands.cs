using System.CommandLine;

namespace Legitka.Cli;

/// <summary>The verbs of the one `legitka` executable.</summary>
public static class LegitkaCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Legitka: issue, run and revoke the mLegitymacja szkolna.");
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
