using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>
/// Runs the scripts in tests/interop with node. The independent implementation must be installed
/// (<c>npm ci --prefix tests/interop</c>); if it is not, the interop tests fail — they never pass silently.
/// </summary>
internal static class NodeInterop
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Directory { get; } = FindInteropDirectory();

    public static async Task<JsonElement> RunAsync(string script, JsonObject input)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@sd-jwt", "sd-jwt-vc")))
        {
            Assert.Fail($"The interop packages are not installed. Run: npm ci --prefix tests/interop  (looked in {Directory})");
        }

        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not finish within {Timeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"node {script} exited with {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement;
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/package.json not found above " + AppContext.BaseDirectory);
    }
}
