using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

/// <summary>A client's address is taken from X-Forwarded-For only when it comes from a configured proxy.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(true, "203.0.113.7")]
    [InlineData(false, "127.0.0.1")]
    public async Task Failed_sign_in_records_the_client_address(bool proxyConfigured, string expected)
    {
        await using var app = await TestApp.StartAsync(configuration: proxyConfigured ? ["--Proxy:KnownProxies:0=127.0.0.1"] : []);
        using var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await TestApp.PostLoginAsync(client, "sekretariat@sp7.legitka.test", "wrong-password-1");

        var details = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "account.sign-in-failed").Select(e => e.Details!).SingleAsync());
        Assert.Contains($"\"ip\":\"{expected}\"", details);
    }
}
