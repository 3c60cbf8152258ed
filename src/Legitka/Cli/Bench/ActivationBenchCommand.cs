using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Issuance;
using Legitka.Wallet;
using Legitka.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Legitka.Cli.Bench;

/// <summary>
/// `legitka bench activation`: full activations (offer, metadata, token, nonce, credential, verification, notification)
/// by many reference wallets at once, over real HTTP. Three ways to run it:
/// on its own (a scratch database and a server on a loopback port, in this process);
/// `--prepare FILE` (a ready school and its codes in the configured database, for a server started separately);
/// `--url URL --codes FILE` (the load against that server).
/// </summary>
internal static class ActivationBenchCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "A running Legitka to load (needs --codes)." };
        var codesFile = new Option<FileInfo>("--codes") { Description = "Codes for --url: the JSON of `legitka codes generate --json` or of --prepare." };
        var prepare = new Option<FileInfo>("--prepare") { Description = "Only make a ready school in the configured database and write its codes here." };
        var pupils = new Option<int>("--pupils") { Description = "Pupils (codes) to make; enough for the run.", DefaultValueFactory = _ => 25_000 };
        var postgres = new Option<string>("--postgres") { Description = "On its own: the PostgreSQL server to use (a scratch database is made and dropped)." };
        var wallets = new Option<int>("--wallets") { Description = "Phones activating at once.", DefaultValueFactory = _ => 64 };
        var seconds = new Option<double>("--seconds") { Description = "Measured time.", DefaultValueFactory = _ => 30 };
        var warmup = new Option<double>("--warmup") { Description = "Unmeasured time first: the runtime keeps recompiling hot code (tiered PGO) for a minute or so.", DefaultValueFactory = _ => 30 };
        var raceEvery = new Option<int>("--race-every") { Description = "Every Nth slip is raced by two phones: two scans at once, or two redemptions of one scan (0: never).", DefaultValueFactory = _ => 50 };
        var noDpop = new Option<bool>("--no-dpop") { Description = "Wallets send no DPoP proofs (bearer tokens)." };
        var rate = new Option<double?>("--rate")
        {
            Description = "Open loop: start this many activations per second, whatever the server does (at most --wallets at once); "
                + "latency counts from each one's scheduled start. The warm-up runs closed and ends 2 s before the window (so a "
                + "warm-up under 2 s has none). Without it, every wallet starts again the moment it finishes.",
        };
        var command = new Command("activation", "Full OpenID4VCI activations by concurrent wallets over HTTP; checks that no offer is redeemed twice.")
        {
            url, codesFile, prepare, pupils, postgres, wallets, seconds, warmup, raceEvery, noDpop, rate,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(rate) is { } perSecond && !(double.IsFinite(perSecond) && perSecond > 0))
            {
                await Console.Error.WriteLineAsync("error: --rate must be a positive number of activations per second.");
                return 2;
            }

            var load = new LoadSettings(parse.GetValue(wallets), TimeSpan.FromSeconds(parse.GetValue(warmup)),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(raceEvery), !parse.GetValue(noDpop), parse.GetValue(rate));
            if (parse.GetValue(prepare) is { } target)
            {
                return await PrepareAsync(parse, parse.GetValue(pupils), target, ct);
            }

            if (parse.GetValue(url) is { } server)
            {
                if (!Uri.TryCreate(server, UriKind.Absolute, out _))
                {
                    await Console.Error.WriteLineAsync($"error: --url '{server}' is not an absolute URL, e.g. http://127.0.0.1:5080.");
                    return 2;
                }

                if (parse.GetValue(codesFile) is not { } file)
                {
                    await Console.Error.WriteLineAsync("error: --url needs --codes FILE (from `legitka codes generate --json` or `bench activation --prepare`).");
                    return 2;
                }

                var codes = JsonSerializer.Deserialize<List<BenchCode>>(await File.ReadAllBytesAsync(file.FullName, ct)) ?? [];
                if (codes.FirstOrDefault(c => !c.OfferReference.StartsWith(server.TrimEnd('/') + "/", StringComparison.Ordinal)) is { } foreign)
                {
                    await Console.Error.WriteLineAsync($"error: {file.Name} holds codes of another issuer ({foreign.OfferReference}), not of {server}.");
                    return 2;
                }

                var result = await RunLoadAsync(codes, load, ct);
                return Report(new { url = server, provider = (string?)null, dpop = load.Dpop, load = result, server_credentials_issued = (int?)null }, result, null);
            }

            return await SelfHostedAsync(parse.GetValue(postgres), parse.GetValue(pupils), load, ct);
        });
        return command;
    }

    private sealed record LoadSettings(int Wallets, TimeSpan Warmup, TimeSpan Duration, int RaceEvery, bool Dpop, double? Rate);

    private static async Task<int> SelfHostedAsync(string? postgres, int pupils, LoadSettings load, CancellationToken ct)
    {
        await using var scratch = ScratchDatabase.Create(postgres);
        var address = $"http://127.0.0.1:{FreeLoopbackPort()}";
        // Standard output carries the result; warnings go to standard error.
        await using var app = LegitkaWebApp.Build([.. scratch.ConfigurationArgs, $"--Legitka:PublicUrl={address}", "--Logging:LogLevel:Default=Warning"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            });
        app.Urls.Add(address);
        await LegitkaWebApp.PrepareAsync(app, demo: false, ct);
        var codes = await ReadyCodesAsync(app.Services, pupils, ct);
        await app.StartAsync(ct);

        var result = await RunLoadAsync(codes, load, ct);
        int issued = await CredentialsIssuedAsync(app.Services, ct);
        await app.StopAsync(ct);
        return Report(new { url = address, provider = scratch.Provider, dpop = load.Dpop, load = result, server_credentials_issued = issued }, result, issued);
    }

    private static async Task<int> PrepareAsync(ParseResult parse, int pupils, FileInfo target, CancellationToken ct)
    {
        using var host = await CliHost.StartAsync(parse, ct);
        var codes = await ReadyCodesAsync(host.Services, pupils, ct);
        await File.WriteAllBytesAsync(target.FullName, JsonSerializer.SerializeToUtf8Bytes(codes, CliJson.Options), ct);
        var issuer = host.Services.GetRequiredService<IOptions<LegitkaOptions>>().Value.PublicUrl;
        Console.WriteLine($"{codes.Count} codes for the issuer {issuer} written to {target.FullName}; serve with the same settings, then load it with --url {issuer} --codes {target.Name}");
        return 0;
    }

    /// <summary>A school of ready pupils and a code for each, made by the real batch job.</summary>
    private static async Task<List<BenchCode>> ReadyCodesAsync(IServiceProvider services, int pupils, CancellationToken ct)
    {
        var (school, classIds) = await ReadyBenchSchool.CreateAsync(services, pupils, "legitka bench activation", ct);
        await using var scope = services.CreateAsyncScope();
        var (batch, _) = await ReadyBenchSchool.GenerateCodesAsync(scope.ServiceProvider.GetRequiredService<CodeGenerator>(), school.Id, classIds, ct);
        var issued = await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(batch.Id, ct);
        // Shuffled, so that concurrent phones belong to different classes, as they would in a real morning.
        var codes = issued.Select(c => new BenchCode(c.OfferUri, c.ActivationCode)).ToArray();
        Random.Shared.Shuffle(codes);
        return [.. codes];
    }

    private static async Task<ActivationLoadResult> RunLoadAsync(IReadOnlyList<BenchCode> codes, LoadSettings load, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        var wallet = new WalletClient(http, TimeProvider.System, new WalletClientOptions { UseDpop = load.Dpop });
        var runner = new ActivationLoad(wallet, http, codes, TimeProvider.System);
        return await runner.RunAsync(load.Wallets, load.Warmup, load.Duration, load.RaceEvery, load.Rate, ct);
    }

    /// <summary>
    /// Credentials in the register. A second credential for one offer is impossible there (unique index on the offer),
    /// so the check is that the register holds exactly what the wallets received: none issued into the void.
    /// </summary>
    private static async Task<int> CredentialsIssuedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LegitkaDbContext>().Set<IssuedMobileId>().CountAsync(ct);
    }

    private static int Report(object output, ActivationLoadResult result, int? issuedOnServer)
    {
        Console.WriteLine(JsonSerializer.Serialize(output));
        if (result.RanOutOfCodes)
        {
            Console.Error.WriteLine("warning: the codes ran out before the time was up; make more (--pupils) for a full run.");
        }

        if (issuedOnServer is { } issued && issued != result.AllSuccesses)
        {
            Console.Error.WriteLine($"error: the register holds {issued} credentials, the wallets received {result.AllSuccesses}.");
            return 1;
        }

        return result.OffersRedeemedTwice > 0 || result.Failures.Count > 0 ? 1 : 0;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
