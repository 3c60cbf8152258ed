using Legitka.Tests.Import;
using Microsoft.Playwright;

namespace Legitka.Tests.Browser;

/// <summary>What a secretary, a teacher and a guardian do in a real browser. Screenshots land in artifacts/test.</summary>
public sealed class PortalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Secretary_imports_a_csv_sees_each_error_then_imports_the_fixed_file()
    {
        var page = await fixture.SignedInPageAsync("sekretariat@sp7.legitka.test");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Szkoła Podstawowa nr 7") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Szkoła Podstawowa nr 7");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import uczniów z dziennika (CSV)" }).ClickAsync();

        var birth = new DateOnly(2013, 3, 3);
        var good = CsvSamples.Row("5B", "Żaneta", "Ćwik", birth, 31, "B/1");
        var wrongBirth = CsvSamples.Row("5B", "Jerzy", "Ćwik", birth, 41, "B/2").Replace("2013-03-03", "2013-03-04");
        var duplicateCard = CsvSamples.Row("5B", "Ignacy", "Ćwik", birth, 51, "B/1");
        await page.GetByLabel("Plik CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "uczniowie.csv", MimeType = "text/csv", Buffer = CsvSamples.File(good, wrongBirth, duplicateCard),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importuj" }).ClickAsync();

        var errors = page.Locator("#import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("nic nie zostało zapisane");
        await Assertions.Expect(errors.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(errors.Locator("tbody tr").Nth(0)).ToContainTextAsync("3");
        await Assertions.Expect(errors.Locator("tbody tr").Nth(0)).ToContainTextAsync("sprzeczna z numerem PESEL");
        await Assertions.Expect(errors.Locator("tbody tr").Nth(1)).ToContainTextAsync("card_number");
        await BrowserFixture.ScreenshotAsync(page, "import-refused");

        await page.GetByLabel("Plik CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "uczniowie.csv", MimeType = "text/csv", Buffer = CsvSamples.File(good),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importuj" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("Import zakończony");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("Dodani uczniowie: 1");
        await BrowserFixture.ScreenshotAsync(page, "import-done");
    }

    [Fact]
    public async Task Guardian_on_a_phone_sees_both_children_and_reveals_a_pesel()
    {
        var page = await fixture.SignedInPageAsync("rodzic@legitka.test", new ViewportSize { Width = 390, Height = 844 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Moje dzieci" })).ToBeVisibleAsync();
        var children = page.Locator("main ul li a");
        await Assertions.Expect(children).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "guardian-home-phone");

        await children.First.ClickAsync();
        await Assertions.Expect(page.Locator("#pesel")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pokaż PESEL i adres" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pesel")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{11}$"));
        await BrowserFixture.ScreenshotAsync(page, "guardian-pupil-revealed-phone");
    }

    [Fact]
    public async Task Teacher_sees_the_class_and_can_switch_to_english()
    {
        var page = await fixture.SignedInPageAsync("wychowawca.6a@sp7.legitka.test");
        // The stylesheet really arrives (a blank or wrongly typed response would leave the header unstyled).
        Assert.Equal("rgb(11, 79, 156)", await page.Locator("header.top").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Klasa 6A" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync("ważna");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Class 6A");
        await BrowserFixture.ScreenshotAsync(page, "teacher-class-english");
    }
}
