using Legitka.Tests.Infrastructure;
using Legitka.Tests.Notifications;
using Legitka.Tests.Photos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Legitka.Tests.Browser;

/// <summary>
/// Steps 1–4 of the procedure in a real browser, with a real SMTP server: the guardian applies and uploads, the
/// director approves, the teacher rejects the photo with a reason, the guardian gets that e-mail and uploads again,
/// the teacher accepts and reports the class ready, and the secretary finds the class in the ready queue.
/// </summary>
public sealed class ProcedureWalkTests : IAsyncLifetime
{
    private TestSmtpServer _smtp = null!;
    private BrowserFixture _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _browser = new BrowserFixture(MailSettings.For(_smtp.Port));
        await _browser.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task From_a_parents_upload_to_a_class_ready_for_codes()
    {
        var photoFile = Path.Combine(_browser.App.Database.DataDirectory, "zdjecie.jpg");
        await File.WriteAllBytesAsync(photoFile, TestImages.SidewaysWithGps(600, 772));

        // 1. The guardian applies for the child in 6A and uploads a photo.
        var guardian = await _browser.SignedInPageAsync("rodzic@legitka.test");
        var child = guardian.Locator("main ul li a").First;
        var childName = (await child.TextContentAsync())!.Trim();
        await child.ClickAsync();
        var pupilUrl = guardian.Url;
        await guardian.GetByRole(AriaRole.Button, new() { Name = "Złóż wniosek o mLegitymację" }).ClickAsync();
        await Assertions.Expect(guardian.Locator("#application")).ToContainTextAsync("czeka na decyzję dyrektora");
        await Assertions.Expect(guardian.Locator("#application #done")).ToContainTextAsync("Wniosek złożony.");
        await guardian.Locator("#photo-file").SetInputFilesAsync(photoFile);
        await guardian.GetByRole(AriaRole.Button, new() { Name = "Prześlij zdjęcie" }).ClickAsync();
        await Assertions.Expect(guardian.Locator("#photos")).ToContainTextAsync("czeka na akceptację");
        await Assertions.Expect(guardian.Locator("#photo-notices")).ToContainTextAsync("obróciliśmy je do pionu");
        await Assertions.Expect(guardian.Locator("#photo-notices")).ToContainTextAsync("położenie GPS");
        await Assertions.Expect(guardian.Locator("#done")).ToContainTextAsync("Zdjęcie zostało wysłane i czeka na akceptację szkoły.");
        // The change came back by a redirect: a reload shows the page again, sending nothing and saying nothing twice.
        var photosBefore = await _browser.App.WithDbAsync(db => db.Photos.CountAsync());
        await guardian.ReloadAsync();
        await Assertions.Expect(guardian.Locator("#done")).ToHaveCountAsync(0);
        Assert.Equal(photosBefore, await _browser.App.WithDbAsync(db => db.Photos.CountAsync()));
        await BrowserFixture.ScreenshotAsync(guardian, "walk-1-guardian-applied-and-uploaded");

        // 2. The director approves the application.
        var director = await _browser.SignedInPageAsync("dyrektor@sp7.legitka.test");
        await director.GetByRole(AriaRole.Link, new() { NameRegex = new("Szkoła Podstawowa nr 7") }).ClickAsync();
        await Assertions.Expect(director.Locator("#applications-link")).ToContainTextAsync("czeka:");
        await director.Locator("#applications-link").ClickAsync();
        var row = director.Locator("#pending tbody tr", new() { HasText = childName });
        await row.GetByRole(AriaRole.Button, new() { Name = "Zatwierdź" }).ClickAsync();
        await Assertions.Expect(director.Locator("#pending tbody tr", new() { HasText = childName })).ToHaveCountAsync(0);
        await Assertions.Expect(director.Locator("#decided tbody tr", new() { HasText = childName })).ToContainTextAsync("zatwierdzony");
        await Assertions.Expect(director.Locator("#done")).ToContainTextAsync("Wniosek zatwierdzony. Opiekunowie dostaną wiadomość e-mail.");
        await BrowserFixture.ScreenshotAsync(director, "walk-2-director-approved");

        // 3. The homeroom teacher rejects the photo with a reason.
        var teacher = await _browser.SignedInPageAsync("wychowawca.6a@sp7.legitka.test");
        await teacher.GotoAsync("/review");
        await Assertions.Expect(teacher.Locator("#pupil-name")).ToHaveTextAsync(childName);
        await teacher.Locator("#reason").SelectOptionAsync("Zdjęcie nieostre lub zbyt ciemne");
        await BrowserFixture.ScreenshotAsync(teacher, "walk-3-teacher-rejecting");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Odrzuć" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#review-empty")).ToBeVisibleAsync();
        await Assertions.Expect(teacher.Locator("#done")).ToContainTextAsync("Zdjęcie odrzucone.");

        // 4. The guardian receives that e-mail over SMTP.
        await _browser.App.Sender().ProcessDueAsync(TestContext.Current.CancellationToken);
        var mail = _smtp.To("rodzic@legitka.test").Select(m => m.Message).Single(m => m.Subject!.Contains("zdjęcie odrzucone", StringComparison.Ordinal));
        Assert.Contains("Powód: Zdjęcie nieostre lub zbyt ciemne", mail.TextBody!);
        Assert.Contains(pupilUrl.Replace(_browser.App.Address.ToString().TrimEnd('/'), "", StringComparison.Ordinal), mail.TextBody!);

        // 5. The guardian sees the reason and uploads again.
        await guardian.GotoAsync(pupilUrl);
        await Assertions.Expect(guardian.Locator("#photos")).ToContainTextAsync("Zdjęcie nieostre lub zbyt ciemne");
        await guardian.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "nowe.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(620, 798) });
        await guardian.GetByRole(AriaRole.Button, new() { Name = "Prześlij zdjęcie" }).ClickAsync();
        await Assertions.Expect(guardian.Locator("#photos")).ToContainTextAsync("czeka na akceptację");
        await BrowserFixture.ScreenshotAsync(guardian, "walk-5-guardian-uploaded-again");

        // 6. The teacher accepts with the keyboard and reports the class ready, confirming who is left out.
        await teacher.GotoAsync("/review");
        await Assertions.Expect(teacher.Locator("#pupil-name")).ToHaveTextAsync(childName);
        await teacher.Keyboard.PressAsync("a");
        await Assertions.Expect(teacher.Locator("#review-empty")).ToBeVisibleAsync();
        await teacher.GotoAsync("/");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Klasa 6A" }).ClickAsync();
        var pupilPath = new Uri(pupilUrl).AbsolutePath;
        await Assertions.Expect(teacher.Locator($"tbody tr:has(a[href='{pupilPath}'])")).ToContainTextAsync("gotowy");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Zgłoś gotowość klasy" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("[role=alert]")).ToContainTextAsync("muszą zostać potwierdzeni");
        // One tick for all of them, rather than one per pupil (23 in 6A).
        var unready = await teacher.Locator("input[name=leftOut]").CountAsync();
        await Assertions.Expect(teacher.Locator("label[for=leave-out-all]")).ToContainTextAsync($"({unready})");
        await teacher.Locator("#leave-out-all").CheckAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Zgłoś gotowość klasy" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#reported-ready")).ToBeVisibleAsync();
        await Assertions.Expect(teacher.Locator("#report-ready")).ToHaveTextAsync("Zgłoś gotowość ponownie");
        await Assertions.Expect(teacher.Locator("#done")).ToContainTextAsync("Gotowość klasy zgłoszona.");
        await BrowserFixture.ScreenshotAsync(teacher, "walk-6-class-reported-ready");

        // 7. The secretary sees the class in the queue of ready classes.
        var secretary = await _browser.SignedInPageAsync("sekretariat@sp7.legitka.test");
        await secretary.GetByRole(AriaRole.Link, new() { NameRegex = new("Szkoła Podstawowa nr 7") }).ClickAsync();
        await Assertions.Expect(secretary.Locator("#ready-queue")).ToContainTextAsync("Klasa 6A");
        await Assertions.Expect(secretary.Locator("#ready-queue")).ToContainTextAsync("gotowych uczniów: 1");
        await BrowserFixture.ScreenshotAsync(secretary, "walk-7-secretary-ready-queue");
    }
}
