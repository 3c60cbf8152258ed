using Legitka.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Legitka.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser), against the real app on a loopback port.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly IReadOnlyList<string>? _configuration;

    /// <summary>xUnit's class fixtures need exactly one public constructor: this one.</summary>
    public BrowserFixture()
    {
    }

    /// <summary>For a test that starts its own fixture with extra configuration (e.g. SMTP settings).</summary>
    internal BrowserFixture(IReadOnlyList<string> configuration) => _configuration = configuration;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private TestApp? _app;

    public TestApp App => _app ?? throw new InvalidOperationException("Not started.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public static string ArtifactsDirectory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("LEGITKA_ARTIFACTS")
                ?? Path.Combine(Portal.UiTextTests.RepositoryRoot(), "artifacts", "test");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _app = await TestApp.StartAsync(configuration: _configuration);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LEGITKA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <param name="bypassCsp">Only for injecting axe-core: our CSP rightly forbids inline scripts.</param>
    public async Task<IPage> SignedInPageAsync(string email, ViewportSize? viewport = null, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Address.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "pl-PL",
            BypassCSP = bypassCsp,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByLabel("Hasło").FillAsync(Demo.DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj się" }).ClickAsync();
        // Signed in once the page offers to sign out: a state of the page, not a load event that redirects can race.
        try
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Wyloguj" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Signing in as {email} did not finish: at {page.Url}, the page says: {await page.InnerTextAsync("body")}", e);
        }

        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
