using System.Net.Http.Headers;
using Legitka.Wallet.Storage;

namespace Legitka.Wallet.Cli;

/// <summary>What the commands take from outside: the clock, HTTP and the environment (tests replace them).</summary>
public sealed record WalletCliContext(TimeProvider Time, Func<HttpClient> CreateHttpClient, Func<string, string?> Environment)
{
    public static WalletCliContext Default() => new(TimeProvider.System, CreateDefaultHttpClient, System.Environment.GetEnvironmentVariable);

    /// <summary>No redirects (every URL the wallet follows is one the protocol named), 30 s per request.</summary>
    public static HttpClient CreateDefaultHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("legitka-wallet", typeof(WalletCliContext).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
        return client;
    }

    public string DefaultWalletDirectory() => WalletStore.DefaultDirectory(Environment);
}
