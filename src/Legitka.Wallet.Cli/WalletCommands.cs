using System.CommandLine;

namespace Legitka.Wallet.Cli;

/// <summary>The verbs of <c>legitka-wallet</c>, the reference wallet that stands in for the pupil's phone.</summary>
public static class WalletCommands
{
    public static RootCommand Create(WalletCliContext context) => new("legitka-wallet: portfel referencyjny mLegitymacji / the reference mLegitymacja wallet.")
    {
        ActivateCommand.Create(context),
        ShowCommand.Create(context),
    };

    internal static Option<string?> WalletOption(WalletCliContext context) => new("--wallet")
    {
        Description = $"Folder portfela / wallet folder (default: ${Storage.WalletStore.EnvironmentVariable} or ./wallet).",
        HelpName = "DIR",
    };

    internal static string WalletDirectory(ParseResult parse, Option<string?> option, WalletCliContext context) =>
        parse.GetValue(option) is { Length: > 0 } given ? Path.GetFullPath(given) : context.DefaultWalletDirectory();
}
