using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Legitka.Tests.Infrastructure;
using Legitka.Wallet;
using Legitka.Wallet.Keys;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Issuance;

/// <summary>
/// A deployment whose public URL has a path (behind a proxy at https://host/szkola): wallets find the metadata where the
/// specifications put it, the slips name the path, and the portal's links, forms and redirects keep it.
/// </summary>
public sealed partial class PublicUrlWithPathTests
{
    [Fact]
    public async Task A_wallet_activates_and_the_portal_keeps_the_path_when_the_public_url_has_one()
    {
        await using var app = await TestApp.StartAsync(publicPath: "/szkola");
        var issuer = app.Address.ToString().TrimEnd('/') + "/szkola";
        using var http = app.AnonymousClient();

        // The well-known segment goes between the host and the issuer's path (OpenID4VCI §12.2.2, RFC 8414 §3.1).
        var metadata = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-credential-issuer/szkola"))!;
        Assert.Equal(issuer, metadata["credential_issuer"]!.GetValue<string>());
        Assert.Equal(issuer + "/credential", metadata["credential_endpoint"]!.GetValue<string>());
        var server = JsonNode.Parse(await http.GetStringAsync("/.well-known/oauth-authorization-server/szkola"))!;
        Assert.Equal(issuer + "/token", server["token_endpoint"]!.GetValue<string>());
        Assert.Equal(issuer, JsonNode.Parse(await http.GetStringAsync("/.well-known/jwt-vc-issuer/szkola"))!["issuer"]!.GetValue<string>());

        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var code = (await TestBatches.RunAsync(app, schoolId, [classId]))[0];
        Assert.StartsWith("openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString(issuer + "/offers/"), code.OfferUri);
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        var result = await wallet.ActivateAsync(code.OfferUri, code.ActivationCode, DeviceKey.Generate());
        var success = Assert.IsType<ActivationSuccess>(result, exactMatch: false);
        Assert.Equal("VALID", (await wallet.CheckStatusAsync(success.Credential.Credential)).Label);

        var toLogin = await http.GetAsync("/szkola/");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/szkola/Account/Login", toLogin.Headers.Location!.IsAbsoluteUri ? toLogin.Headers.Location.AbsolutePath : toLogin.Headers.Location.OriginalString);
        var signIn = await TestApp.PostFormAsync(http, "/szkola/Account/Login", "/szkola/Account/Login",
            new() { ["Email"] = "sekretariat@sp7.legitka.test", ["Password"] = Demo.DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/szkola/", signIn.Headers.Location!.OriginalString);
        var home = await http.GetStringAsync("/szkola/");
        var schoolLink = Assert.Single(LocalLinks().Matches(home), m => m.Groups[2].Value.StartsWith("/szkola/schools/", StringComparison.Ordinal)).Groups[2].Value;
        var school = await http.GetStringAsync(schoolLink);
        foreach (var page in new[] { home, school })
        {
            var links = LocalLinks().Matches(page).Select(m => m.Groups[2].Value).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.StartsWith("/szkola/", link));
        }
    }

    /// <summary>Links, sources and form actions that name a path on this site.</summary>
    [GeneratedRegex("(href|src|action)=\"(/[^/\"][^\"]*|/)\"")]
    private static partial Regex LocalLinks();
}
