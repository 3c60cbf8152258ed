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
        await ReportReadyAgainAsync("8D");
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

    [Fact]
    public async Task The_homeroom_teacher_downloads_the_class_slips_and_other_teachers_cannot()
    {
        var secretary = await fixture.SignedInPageAsync("sekretariat@sp7.legitka.test");
        var classId = await ClassIdAsync("8D");
        var hasSlips = await fixture.App.WithDbAsync(db => Task.FromResult(db.SlipSets.Any(s => s.ClassId == classId)));
        if (!hasSlips)
        {
            await secretary.GotoAsync("/");
            await secretary.GetByRole(AriaRole.Link, new() { NameRegex = new("Szkoła Podstawowa nr 7") }).ClickAsync();
            await secretary.GetByRole(AriaRole.Button, new() { Name = "Wygeneruj kody dla zaznaczonych klas" }).ClickAsync();
            await Assertions.Expect(secretary.Locator("#batch-state")).ToContainTextAsync("Gotowe", new() { Timeout = 30_000 });
        }

        var teacher = await fixture.SignedInPageAsync("wychowawca.8d@sp7.legitka.test");
        await teacher.GotoAsync($"/classes/{classId}");
        // The class's own batch: the oldest set listed (the other test may have added a pupil's own one since).
        var link = teacher.Locator("#class-slips").GetByRole(AriaRole.Link, new() { Name = "Pobierz PDF" }).Last;
        var slipSetId = Guid.Parse((await link.GetAttributeAsync("href"))!.Split('/')[^2]);
        var download = await teacher.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        // Slips whose code was used or replaced (the other test activates one and gives one pupil a new code) are left out.
        var stillOpen = await fixture.App.WithDbAsync(db => Task.FromResult(db.ActivationOffers.Count(o =>
            o.State == Legitka.Codes.OfferState.Open && db.SlipSets.Any(s => s.Id == slipSetId && s.BatchId == o.BatchId)
            && db.Pupils.Any(p => p.Id == o.PupilId && p.ClassId == classId))));
        Assert.Equal(stillOpen, PdfQr.DecodeQrCodes(await File.ReadAllBytesAsync((await download.PathAsync())!)).Count);
        Assert.Matches("^kody-mlegitymacji-8D-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.pdf$", download.SuggestedFilename);
        await BrowserFixture.ScreenshotAsync(teacher, "codes-6-teacher-class-slips");

        var other = await fixture.SignedInPageAsync("wychowawca.6a@sp7.legitka.test");
        var refused = await other.APIRequest.GetAsync($"/codes/slips/{slipSetId}/pdf");
        Assert.Equal(404, refused.Status);
        var guardian = await fixture.SignedInPageAsync("rodzic@legitka.test");
        Assert.Equal(404, (await guardian.APIRequest.GetAsync($"/codes/slips/{slipSetId}/pdf")).Status);
    }

    /// <summary>The tests of this class share one app: whichever runs second finds 8D taken into codes and reports it again.</summary>
    private Task ReportReadyAgainAsync(string className) => fixture.App.WithDbAsync(async db =>
    {
        var schoolClass = db.Classes.Single(c => c.Name == className);
        if (!db.ReadinessReports.Any(r => r.ClassId == schoolClass.Id && r.ClosedAt == null))
        {
            db.ReadinessReports.Add(new Legitka.Readiness.ClassReadinessReport
            {
                SchoolId = schoolClass.SchoolId, ClassId = schoolClass.Id, ReportedByName = "test", LeftOutPupilIds = "[]", ReadyPupils = 25,
                ReportedAt = db.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        return true;
    });

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
