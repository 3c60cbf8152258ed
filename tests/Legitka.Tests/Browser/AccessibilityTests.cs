using System.Text.Json;
using Legitka.Tests.Import;
using Legitka.Tests.Portal;
using Microsoft.Playwright;

namespace Legitka.Tests.Browser;

/// <summary>
/// WCAG 2.1 A/AA checks with axe-core (an independent checker, pinned in tests/interop) on each role's pages,
/// on a desktop and a phone viewport. Polish public bodies must meet WCAG 2.1 AA.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string AxeScript = Path.Combine(UiTextTests.RepositoryRoot(), "tests", "interop", "node_modules", "axe-core", "axe.min.js");

    [Theory]
    [InlineData("sekretariat@sp7.legitka.test", 1280)]
    [InlineData("rodzic@legitka.test", 390)]
    [InlineData("wychowawca.6a@sp7.legitka.test", 390)]
    [InlineData("dyrektor@sp7.legitka.test", 390)] // the school page, applications, settings and audit log as cards
    public async Task Pages_of_each_role_have_no_wcag_violations(string email, int width)
    {
        Assert.True(File.Exists(AxeScript), "axe-core is not installed. Run: npm ci --prefix tests/interop");
        var page = await fixture.SignedInPageAsync(email, new ViewportSize { Width = width, Height = 900 }, bypassCsp: true);
        var urls = new List<string> { "/", "/Account/TwoFactor" };
        foreach (var link in await page.Locator("main a[href^='/schools/'], main a[href^='/classes/'], main a[href^='/pupils/']").AllAsync())
        {
            urls.Add((await link.GetAttributeAsync("href"))!);
        }

        var school = urls.FirstOrDefault(u => u.StartsWith("/schools/", StringComparison.Ordinal));
        if (school is not null)
        {
            urls.AddRange([school + "/audit", school + "/import", school + "/applications", school + "/settings"]);
        }

        var problems = new List<string>();
        foreach (var url in urls.Distinct())
        {
            await page.GotoAsync(url);
            problems.AddRange(await ViolationsAsync(page, url));
        }

        // The import page with its error table showing, for those who import (the director does not).
        if (school is not null && (await page.GotoAsync(school + "/import"))!.Ok)
        {
            await page.GetByLabel("Plik CSV").SetInputFilesAsync(new FilePayload
            {
                Name = "zly.csv", MimeType = "text/csv", Buffer = CsvSamples.File(CsvSamples.Row("1A", "Jan", "Nowak", new DateOnly(2012, 1, 1), 1, "")),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Importuj" }).ClickAsync();
            problems.AddRange(await ViolationsAsync(page, school + "/import (errors)"));
        }

        Assert.True(urls.Count >= 3, "too few pages were reached: " + string.Join(", ", urls));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string url)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        return json.EnumerateArray().Select(v => $"{url}: {v.GetProperty("id")} ({v.GetProperty("impact")}) at {v.GetProperty("nodes")}");
    }
}
