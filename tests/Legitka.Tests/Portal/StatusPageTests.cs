using System.Net;
using System.Net.Http.Headers;
using Legitka.Tests.Infrastructure;

namespace Legitka.Tests.Portal;

/// <summary>A missing or refused page in a browser is the portal's own page with a way back; other clients get the bare status.</summary>
public sealed class StatusPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_browser_gets_the_portals_page_for_a_missing_pupil_and_a_script_the_bare_status()
    {
        using var secretary = await fixture.App.SignInAsync("sekretariat@sp7.legitka.test");
        var url = $"/pupils/{Guid.NewGuid()}";

        using var asBrowser = new HttpRequestMessage(HttpMethod.Get, url);
        asBrowser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var page = await secretary.SendAsync(asBrowser);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Nie znaleziono", html);
        Assert.Contains("Wróć na stronę główną", html);

        using var asScript = new HttpRequestMessage(HttpMethod.Get, url);
        asScript.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var bare = await secretary.SendAsync(asScript);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.DoesNotContain("Nie znaleziono", await bare.Content.ReadAsStringAsync());
    }
}
