using System.Net;
using System.Text.RegularExpressions;
using Legitka.Data;
using Legitka.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Legitka.Tests.Infrastructure;

/// <summary>The real application on a real loopback port with its own database, seeded with the demo school.</summary>
public sealed partial class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, TestDatabase database, FakeTimeProvider clock, Uri address)
    {
        _app = app;
        Database = database;
        Clock = clock;
        Address = address;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="configuration">Further settings as command-line arguments, e.g. <c>--Smtp:Host=127.0.0.1</c>.</param>
    /// <param name="publicPath">A path for the public URL (<c>/szkola</c>), as behind a proxy that serves the app there.</param>
    public static async Task<TestApp> StartAsync(bool demo = true, IReadOnlyList<string>? configuration = null, string publicPath = "")
    {
        var database = TestDatabase.Create();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        // The port is chosen before start because the issuer's public URL (in offers, metadata, status lists) names it.
        var publicUrl = $"http://127.0.0.1:{FreePort()}";
        var app = LegitkaWebApp.Build([.. database.ConfigurationArgs, "--Logging:LogLevel:Default=Warning", $"--Legitka:PublicUrl={publicUrl}{publicPath}",
            .. configuration ?? []], builder => builder.Services.AddSingleton<TimeProvider>(clock));
        app.Urls.Add(publicUrl);
        await LegitkaWebApp.PrepareAsync(app, demo);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestApp(app, database, clock, new Uri(address));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public AsyncServiceScope Scope() => _app.Services.CreateAsyncScope();

    /// <summary>Seals what activations audited for later, so a test can read it from the chain at once.</summary>
    public Task<int> SealAuditAsync() => _app.Services.GetRequiredService<Legitka.Audit.AuditSealer>().SealPendingAsync(CancellationToken.None);

    /// <summary>Checks the whole audit chain with the app's key.</summary>
    public Task<Legitka.Audit.AuditVerification> VerifyAuditAsync() =>
        WithDbAsync(db => Legitka.Audit.AuditChain.VerifyAsync(db, _app.Services.GetRequiredService<Legitka.Audit.AuditChainKey>()));

    public async Task<T> WithDbAsync<T>(Func<LegitkaDbContext, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>());
    }

    public HttpClient AnonymousClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Address };

    /// <summary>Signs in through the real login form (antiforgery token included) and returns a client holding the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Demo.DemoSeeder.Password)
    {
        var client = AnonymousClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string>? fields = null) =>
        PostFormAsync(client, pageUrl, postUrl, (IEnumerable<KeyValuePair<string, string>>)(fields ?? []));

    /// <summary>For forms that send one name many times (checkbox lists).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var values = fields.Append(new("__RequestVerificationToken", AntiforgeryToken().Match(page).Groups[1].Value));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Sends a form that should change something: the portal must answer with a redirect back to a page (so that a
    /// reload does not send it again); returns that page as the browser would show it next, saying what was done.
    /// </summary>
    public static async Task<string> PostFormExpectingDoneAsync(HttpClient client, string pageUrl, string postUrl,
        Dictionary<string, string>? fields = null)
    {
        using var response = await PostFormAsync(client, pageUrl, postUrl, fields);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            throw new Xunit.Sdk.XunitException(
                $"Expected a redirect after POST {postUrl}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var next = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString.Split('#')[0];
        var page = await client.GetStringAsync(next);
        Assert.Contains("id=\"done\"", page);
        return page;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Database.Dispose();
    }
}
