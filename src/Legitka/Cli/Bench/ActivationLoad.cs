using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Legitka.Wallet;
using Legitka.Wallet.Keys;

namespace Legitka.Cli.Bench;

/// <summary>One slip: what a pupil scans and types.</summary>
internal sealed record BenchCode(
    [property: JsonPropertyName("offer_uri")] string OfferUri,
    [property: JsonPropertyName("activation_code")] string ActivationCode)
{
    /// <summary>The https URL inside the QR's <c>openid-credential-offer://</c> link.</summary>
    [JsonIgnore]
    public string OfferReference =>
        System.Web.HttpUtility.ParseQueryString(new Uri(OfferUri).Query)["credential_offer_uri"] ?? OfferUri;
}

/// <summary>
/// Many phones activating at once: each of <c>wallets</c> workers takes the next unused slip and runs the reference
/// wallet's whole flow over HTTP with a fresh device key, again and again. Every <c>raceEvery</c>-th slip is raced by
/// two phones: alternately both scan it at the same moment, or both redeem the one pre-authorized code a single scan
/// minted — so the server's single redemption is contested over HTTP. Counted after the warm-up, by completion time.
/// With a <c>rate</c> the measured window is an open load: activation n is due n / rate seconds into it, a free worker
/// starts it then (or at once, when all were busy past its time), every one due in the window runs and counts, and its
/// latency counts from when it was due, so a server that falls behind shows it in the latency (and in how long after
/// their time activations started), not only in the throughput.
/// </summary>
internal sealed class ActivationLoad(WalletClient wallet, HttpClient http, IReadOnlyList<BenchCode> codes, TimeProvider time)
{
    /// <summary>How the phone that lost a race may be refused: its scan came too late, or its code was spent.</summary>
    private static readonly HashSet<string> ExpectedLosses = ["Offer/invalid_request", "Token/invalid_grant"];

    private readonly ConcurrentDictionary<string, int> _credentialsPerOffer = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentDictionary<string, int> _raceLosses = new();
    private int _next = -1;
    private int _raced;
    /// <summary>In an open load, the pause between the closed warm-up and the measured window.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    private long _ticket = -1;
    private double? _rate;
    private long _measureFrom;
    private long _measureUntil;

    public async Task<ActivationLoadResult> RunAsync(int wallets, TimeSpan warmup, TimeSpan duration, int raceEvery, double? rate,
        CancellationToken ct)
    {
        long start = time.GetTimestamp();
        _rate = rate;
        _measureFrom = start + (long)(warmup.TotalSeconds * time.TimestampFrequency);
        _measureUntil = _measureFrom + (long)(duration.TotalSeconds * time.TimestampFrequency);
        var workers = Task.WhenAll(Enumerable.Range(0, wallets).Select(_ => Task.Run(() => WorkAsync(raceEvery, ct), ct)));
        // An open window's activations may run on past its end: their CPU is counted until the last one is done.
        var cpu = await MeasuredCpuTimeAsync(rate is null ? null : workers, ct);
        var samples = (await workers).SelectMany(s => s).ToList();

        // Closed: by completion time (an activation that started in the warm-up and ended in the window counts, one that
        // ends after it does not). Open: every activation due in the window, however long it took, and none from the warm-up.
        var measured = samples.Where(s => s.Success
            && (rate is null ? s.Finished >= _measureFrom && s.Finished < _measureUntil : s.Due is not null)).ToList();
        // Open: from when it was due to its end, so a late start, a slow wake-up or the device key's making all count.
        var latencies = measured.Select(s => (s.Due is { } due ? time.GetElapsedTime(due, s.Finished) : s.Timings.Total).TotalMilliseconds)
            .Order().ToArray();
        var timings = measured.Select(s => s.Timings).ToList();
        return new ActivationLoadResult(
            Wallets: wallets,
            OfferedPerSecond: rate,
            StartDelayMs: rate is null ? null : LatencySummary.Of([.. measured.Select(s => time.GetElapsedTime(s.Due!.Value, s.Started).TotalMilliseconds).Order()]),
            Seconds: duration.TotalSeconds,
            Activations: measured.Count,
            ActivationsPerSecond: Math.Round(measured.Count / Served(measured, duration).TotalSeconds, 1),
            LatencyMs: LatencySummary.Of(latencies),
            StepMeanMs: StepFigures.Means(timings),
            StepP99Ms: StepFigures.P99s(timings),
            AllAttempts: samples.Count,
            AllSuccesses: samples.Count(s => s.Success),
            Failures: new SortedDictionary<string, int>(_failures),
            RacedOffers: _raced,
            RaceLosses: new SortedDictionary<string, int>(_raceLosses),
            OffersRedeemedTwice: _credentialsPerOffer.Count(p => p.Value > 1),
            RanOutOfCodes: Volatile.Read(ref _next) >= codes.Count - 1,
            ProcessCpuMsPerActivation: measured.Count == 0 ? 0 : Math.Round(cpu.TotalMilliseconds / measured.Count, 2));
    }

    /// <summary>
    /// The time the counted activations took to serve: the window, or for an open one until the last of them ended if
    /// that was later (a server that falls behind serves the window's activations over a longer time).
    /// </summary>
    private TimeSpan Served(List<Sample> measured, TimeSpan window)
    {
        if (_rate is null || measured.Count == 0)
        {
            return window;
        }

        var untilLast = time.GetElapsedTime(_measureFrom, measured.Max(s => s.Finished));
        return untilLast > window ? untilLast : window;
    }

    /// <summary>
    /// This process's CPU time (wallets, and the server when it runs here) from the measured window's start to its end,
    /// or until <paramref name="lastOnes"/> are done.
    /// </summary>
    private async Task<TimeSpan> MeasuredCpuTimeAsync(Task? lastOnes, CancellationToken ct)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        await Task.Delay(Until(_measureFrom), time, ct);
        process.Refresh();
        var before = process.TotalProcessorTime;
        await (lastOnes ?? Task.Delay(Until(_measureUntil), time, ct)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.Refresh();
        return process.TotalProcessorTime - before;
    }

    private TimeSpan Until(long timestamp)
    {
        var left = time.GetElapsedTime(time.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async Task<List<Sample>> WorkAsync(int raceEvery, CancellationToken ct)
    {
        var samples = new List<Sample>();
        // Open: every activation due in the window is run, however late; the turns end the loop.
        while (!ct.IsCancellationRequested && (_rate is not null || time.GetTimestamp() < _measureUntil))
        {
            var (go, due) = await WaitForTurnAsync(ct);
            int index = go ? Interlocked.Increment(ref _next) : -1;
            if (!go || index >= codes.Count)
            {
                break;
            }

            var code = codes[index];
            if (raceEvery > 0 && index % raceEvery == raceEvery - 1)
            {
                Interlocked.Increment(ref _raced);
                var pair = index / raceEvery % 2 == 0
                    ? await Task.WhenAll(ActivateAsync(code.OfferUri, code, ct), ActivateAsync(code.OfferUri, code, ct))
                    : await RaceOnePreAuthorizedCodeAsync(code, ct);
                samples.AddRange(pair.Where(s => s.Success).Select(s => s with { Due = due }));
                var losers = pair.Where(s => !s.Success).ToList();
                foreach (var loser in losers)
                {
                    bool expected = pair.Any(s => s.Success) && losers.Count == 1 && ExpectedLosses.Contains(loser.Error!);
                    (expected ? _raceLosses : _failures).AddOrUpdate(loser.Error!, 1, (_, n) => n + 1);
                }

                continue;
            }

            var one = await ActivateAsync(code.OfferUri, code, ct) with { Due = due };
            samples.Add(one);
            if (!one.Success)
            {
                _failures.AddOrUpdate(one.Error!, 1, (_, n) => n + 1);
            }
        }

        return samples;
    }

    /// <summary>
    /// Whether to start another activation, and in an open window when it was due: waits for that moment (at once if it
    /// has passed: all workers were busy), and says stop for one due after the window. Closed loads and warm-ups start
    /// at once, with no due time.
    /// </summary>
    private async Task<(bool Go, long? Due)> WaitForTurnAsync(CancellationToken ct)
    {
        // The warm-up runs closed (the runtime is still compiling: an open load would only pile up a backlog there),
        // and stops short of the window, so that its last activations are done before the first one due in it.
        if (_rate is not { } rate || time.GetTimestamp() < _measureFrom - (long)(Drain.TotalSeconds * time.TimestampFrequency))
        {
            return (true, null);
        }

        long due = _measureFrom + (long)(Interlocked.Increment(ref _ticket) / rate * time.TimestampFrequency);
        if (due >= _measureUntil)
        {
            return (false, null);
        }

        // Timers count whole milliseconds on a coarser clock than the timestamps and may wake a fraction early: wait again.
        for (var wait = time.GetElapsedTime(time.GetTimestamp(), due); wait > TimeSpan.Zero;
             wait = time.GetElapsedTime(time.GetTimestamp(), due))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, ct);
        }

        return (true, due);
    }

    /// <summary>One scan mints the pre-authorized code; two phones then get that same offer by value and race to redeem it.</summary>
    private async Task<Sample[]> RaceOnePreAuthorizedCodeAsync(BenchCode code, CancellationToken ct)
    {
        using var response = await http.GetAsync(code.OfferReference, ct);
        if (!response.IsSuccessStatusCode)
        {
            long now = time.GetTimestamp();
            return [new Sample(now, now, ActivationTimings.Empty, $"Offer/http_{(int)response.StatusCode}")];
        }

        var byValue = "openid-credential-offer://?credential_offer=" + Uri.EscapeDataString(await response.Content.ReadAsStringAsync(ct));
        return await Task.WhenAll(ActivateAsync(byValue, code, ct), ActivateAsync(byValue, code, ct));
    }

    private async Task<Sample> ActivateAsync(string offerLink, BenchCode code, CancellationToken ct)
    {
        using var deviceKey = DeviceKey.Generate();
        long started = time.GetTimestamp();
        var result = await wallet.ActivateAsync(offerLink, code.ActivationCode, deviceKey, ct);
        long finished = time.GetTimestamp();
        if (result is ActivationSuccess)
        {
            _credentialsPerOffer.AddOrUpdate(code.OfferUri, 1, (_, n) => n + 1);
            return new Sample(started, finished, result.Timings, null);
        }

        var failure = (ActivationFailure)result;
        return new Sample(started, finished, result.Timings, $"{failure.Step}/{failure.Error}");
    }

    private sealed record Sample(long Started, long Finished, ActivationTimings Timings, string? Error)
    {
        public bool Success => Error is null;

        /// <summary>When the activation was due (an open window only).</summary>
        public long? Due { get; init; }
    }
}

internal sealed record ActivationLoadResult(
    [property: JsonPropertyName("wallets")] int Wallets,
    [property: JsonPropertyName("offered_per_s")] double? OfferedPerSecond,
    [property: JsonPropertyName("start_delay_ms")] LatencySummary? StartDelayMs,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("activations")] int Activations,
    [property: JsonPropertyName("activations_per_s")] double ActivationsPerSecond,
    [property: JsonPropertyName("latency_ms")] LatencySummary LatencyMs,
    [property: JsonPropertyName("step_mean_ms")] StepFigures StepMeanMs,
    [property: JsonPropertyName("step_p99_ms")] StepFigures StepP99Ms,
    [property: JsonPropertyName("all_attempts")] int AllAttempts,
    [property: JsonPropertyName("all_successes")] int AllSuccesses,
    [property: JsonPropertyName("failures")] SortedDictionary<string, int> Failures,
    [property: JsonPropertyName("raced_offers")] int RacedOffers,
    [property: JsonPropertyName("race_losses")] SortedDictionary<string, int> RaceLosses,
    [property: JsonPropertyName("offers_redeemed_twice")] int OffersRedeemedTwice,
    [property: JsonPropertyName("ran_out_of_codes")] bool RanOutOfCodes,
    [property: JsonPropertyName("process_cpu_ms_per_activation")] double ProcessCpuMsPerActivation);

internal sealed record LatencySummary(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p90")] double P90,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max)
{
    public static LatencySummary Of(double[] sorted) => sorted.Length == 0
        ? new LatencySummary(0, 0, 0, 0)
        : new LatencySummary(At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), Math.Round(sorted[^1], 1));

    /// <summary>Nearest-rank percentile.</summary>
    private static double At(double[] sorted, double quantile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}

/// <summary>
/// Where a successful activation's time went, step by step (the wallet's own view, queueing included): on average,
/// or at the 99th percentile of each step on its own (offer, token, nonce and credential are one HTTP request each).
/// </summary>
internal sealed record StepFigures(
    [property: JsonPropertyName("offer")] double Offer,
    [property: JsonPropertyName("metadata")] double Metadata,
    [property: JsonPropertyName("token")] double Token,
    [property: JsonPropertyName("nonce")] double Nonce,
    [property: JsonPropertyName("credential")] double Credential,
    [property: JsonPropertyName("verification")] double Verification,
    [property: JsonPropertyName("notification")] double Notification)
{
    public static StepFigures Means(IReadOnlyList<ActivationTimings> timings) =>
        Of(timings, ms => ms.Length == 0 ? 0 : Math.Round(ms.Average(), 2));

    public static StepFigures P99s(IReadOnlyList<ActivationTimings> timings) =>
        Of(timings, ms => LatencySummary.Of([.. ms.Order()]).P99);

    private static StepFigures Of(IReadOnlyList<ActivationTimings> timings, Func<double[], double> aggregate)
    {
        double Step(Func<ActivationTimings, TimeSpan> step) => aggregate([.. timings.Select(t => step(t).TotalMilliseconds)]);

        return new StepFigures(Step(t => t.Offer), Step(t => t.Metadata), Step(t => t.Token), Step(t => t.Nonce),
            Step(t => t.Credential), Step(t => t.Verification), Step(t => t.Notification));
    }
}
