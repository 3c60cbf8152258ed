using System.CommandLine;
using System.Text.Json;
using Legitka.Wallet.Cli;

namespace Legitka.Wallet.Tests;

/// <summary>Runs <c>legitka-wallet</c> in-process with captured output, against a wallet folder of the test's own.</summary>
internal sealed class WalletCli : IDisposable
{
    public WalletCli()
    {
        Directory = Path.Combine(Path.GetTempPath(), "legitka-wallet-test-" + Guid.NewGuid().ToString("N"));
    }

    public string Directory { get; }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var context = new WalletCliContext(TimeProvider.System, WalletCliContext.CreateDefaultHttpClient, name => name == "LEGITKA_WALLET" ? Directory : null);
        int exit = await WalletCommands.Create(context).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }

    public async Task<JsonElement> ShowJsonAsync()
    {
        var (exit, output) = await RunAsync("show", "--json");
        Assert.True(exit == 0, output);
        return JsonDocument.Parse(output).RootElement;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
