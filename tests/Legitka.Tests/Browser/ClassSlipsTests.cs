using Legitka.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Legitka.Tests.Browser;

/// <summary>
/// The homeroom teacher's side of slips, on an app of its own: a class batch gives codes only to pupils who need
/// one, so sharing 8D with the walk in <see cref="CodesWalkTests"/> made each test depend on which ran first.
/// </summary>
public sealed class ClassSlipsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_homeroom_teacher_downloads_the_class_slips_and_other_teachers_cannot()
    {
        var secretary = await fixture.SignedInPageAsync("sekretariat@sp7.legitka.test");
        await secretary.GetByRole(AriaRole.Link, new() { NameRegex = new("Szkoła Podstawowa nr 7") }).ClickAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Wygeneruj kody dla zaznaczonych klas" }).ClickAsync();
        await Assertions.Expect(secretary.Locator("#batch-state")).ToContainTextAsync("Gotowe", new() { Timeout = 30_000 });
        await Assertions.Expect(secretary.Locator("#batch-count")).ToHaveTextAsync("25 / 25");

        var classId = await fixture.App.WithDbAsync(db => Task.FromResult(db.Classes.Single(c => c.Name == "8D").Id));
        var teacher = await fixture.SignedInPageAsync("wychowawca.8d@sp7.legitka.test");
        await teacher.GotoAsync($"/classes/{classId}");
        await Assertions.Expect(teacher.Locator("#class-slips")).ToContainTextAsync("niewykorzystanych: 25");
        var link = teacher.Locator("#class-slips").GetByRole(AriaRole.Link, new() { Name = "Pobierz PDF" });
        var slipSetId = Guid.Parse((await link.GetAttributeAsync("href"))!.Split('/')[^2]);
        var download = await teacher.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(25, PdfQr.DecodeQrCodes(await File.ReadAllBytesAsync((await download.PathAsync())!)).Count);
        Assert.Matches("^kody-mlegitymacji-8D-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.pdf$", download.SuggestedFilename);
        await BrowserFixture.ScreenshotAsync(teacher, "codes-6-teacher-class-slips");

        var other = await fixture.SignedInPageAsync("wychowawca.6a@sp7.legitka.test");
        Assert.Equal(404, (await other.APIRequest.GetAsync($"/codes/slips/{slipSetId}/pdf")).Status);
        var guardian = await fixture.SignedInPageAsync("rodzic@legitka.test");
        Assert.Equal(404, (await guardian.APIRequest.GetAsync($"/codes/slips/{slipSetId}/pdf")).Status);
    }
}
