using System.CommandLine;
using System.Text.Json;
using Legitka.Tests.Infrastructure;
using Legitka.Wallet.Cli;
using Microsoft.Playwright;

namespace Legitka.Tests.Browser;

/// <summary>
/// Steps 5–6 in a real browser: the secretary generates codes for the demo's ready class 8D and downloads the
/// slips; the PDF is rendered by poppler, a QR code and its printed activation code are read off the page, the
/// reference wallet (legitka-wallet) activates with them, and the pupil's page shows the mLegitymacja active.
/// </summary>
public sealed class CodesWalkTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Secretary_prints_slips_and_a_wallet_activates_from_the_printed_page()
    {
        var secretary = await fixture.SignedInPageAsync("sekretariat@sp7.legitka.test");
        await secretary.GetByRole(AriaRole.Link, new() { NameRegex = new("Szkoła Podstawowa nr 7") }).ClickAsync();
        await Assertions.Expect(secretary.Locator("#ready-queue")).ToContainTextAsync("8D");
        await BrowserFixture.ScreenshotAsync(secretary, "codes-1-ready-queue");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Wygeneruj kody dla zaznaczonych klas" }).ClickAsync();
        await Assertions.Expect(secretary.Locator("#batch-state")).ToContainTextAsync("Gotowe", new() { Timeout = 30_000 });
        await Assertions.Expect(secretary.Locator("#batch-count")).ToHaveTextAsync("25 / 25");
        await BrowserFixture.ScreenshotAsync(secretary, "codes-2-batch-done");

        var download = await secretary.RunAndWaitForDownloadAsync(() =>
            secretary.Locator("#slip-sets li", new() { HasText = "8D" }).GetByRole(AriaRole.Link, new() { Name = "Pobierz PDF" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var (directory, pages) = Poppler.RenderPages(pdf);
        try
        {
            File.Copy(pages[0], Path.Combine(BrowserFixture.ArtifactsDirectory, "codes-3-slips-page-1.png"), overwrite: true);
            // The top-left slip: the first QR in reading order, and the first "1234 5678" printed on the page.
            var code = FirstPrintedCode(pdf);
            using var wallet = new TemporaryDirectory();
            var (exit, output) = await WalletAsync("activate", "--qr", pages[0], "--index", "1", "--code", code, "--wallet", wallet.Path);
            Assert.True(exit == 0, output);
            var (_, shown) = await WalletAsync("show", "--json", "--wallet", wallet.Path);
            var card = JsonDocument.Parse(shown).RootElement[0];
            Assert.Equal("VALID", card.GetProperty("status").GetString());
            Assert.Equal("8D", card.GetProperty("class_name").GetString());
            var familyName = card.GetProperty("family_name").GetString()!;

            await secretary.GotoAsync("/classes/" + await ClassIdAsync("8D"));
            var row = secretary.Locator("main table tr", new() { Has = secretary.Locator("a", new() { HasText = familyName }) }).First;
            await Assertions.Expect(row.Locator("td.activation")).ToContainTextAsync("aktywna od");
            await BrowserFixture.ScreenshotAsync(secretary, "codes-4-class-activations");
            await row.Locator("a", new() { HasText = familyName }).ClickAsync();
            await Assertions.Expect(secretary.Locator("#mobile-id-state")).ToContainTextAsync("mLegitymacja aktywna");
            await Assertions.Expect(secretary.Locator("#mobile-id-codes")).ToContainTextAsync("wykorzystany");
            await BrowserFixture.ScreenshotAsync(secretary, "codes-5-pupil-active");

            // A new code while the phone works: the browser will not send the form until the phone change is confirmed.
            var pupilId = Guid.Parse(secretary.Url.Split('/')[^1]);
            Task<int> BatchesAsync() => fixture.App.WithDbAsync(db => Task.FromResult(db.CodeBatches.Count(b => b.PupilId == pupilId)));
            var before = await BatchesAsync();
            await secretary.Locator("#new-code").ClickAsync();
            Assert.True(await secretary.Locator("#phone-change").EvaluateAsync<bool>("box => box.validity.valueMissing"));
            Assert.Equal(before, await BatchesAsync());
            await secretary.Locator("#phone-change").CheckAsync();
            await secretary.Locator("#new-code").ClickAsync();
            await Assertions.Expect(secretary.Locator("#batch-state")).ToContainTextAsync("Gotowe", new() { Timeout = 30_000 });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private Task<Guid> ClassIdAsync(string name) =>
        fixture.App.WithDbAsync(db => Task.FromResult(db.Classes.Single(c => c.Name == name).Id));

    private static string FirstPrintedCode(byte[] pdf)
    {
        var groups = Poppler.Words(pdf).Where(w => w.Page == 1 && w.Text.Length == 4 && w.Text.All(char.IsAsciiDigit))
            .OrderBy(w => Math.Round(w.YMin)).ThenBy(w => w.XMin).ToList();
        Assert.True(groups.Count >= 2, "no activation code printed on the first page");
        return groups[0].Text + groups[1].Text;
    }

    private async Task<(int Exit, string Output)> WalletAsync(params string[] args)
    {
        var output = new StringWriter();
        var context = new WalletCliContext(fixture.App.Clock, WalletCliContext.CreateDefaultHttpClient, _ => null);
        var exit = await WalletCommands.Create(context).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("legitka-wallet-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
