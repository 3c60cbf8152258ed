using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Legitka.Web;

internal static class PortalSetup
{
    public const string LoginRateLimit = "login";
    public static readonly CultureInfo[] Cultures = [new("pl-PL"), new("en-GB")];

    public static IServiceCollection AddLegitkaPortal(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // Polish letters as they are, not as &#x142; entities: readable pages and smaller responses.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<Ui>();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Status");
        });
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Lockout guards each account; this guards the login form against one address trying many accounts.
            // Only attempts count: showing the form again (a redirect to it, a reload) costs nothing.
            options.AddPolicy(LoginRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("form"));
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseLegitkaPipeline(this WebApplication app)
    {
        // Behind a TLS proxy or load balancer, name it (Proxy:KnownProxies:0=10.0.0.5 …) so that the client's address
        // (rate limits, audit) and the https scheme (Secure cookies) come from its headers; nobody else is believed.
        var proxies = app.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [];
        if (proxies.Length > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        // A public URL with a path (https://szkola.edu.pl/legitka): the proxy passes the path on and the app serves under it;
        // pages link with ~/, so every link carries it.
        if (app.Services.GetRequiredService<IOptions<LegitkaOptions>>().Value.PathBase is { Length: > 0 } pathBase)
        {
            app.UsePathBase(pathBase);
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        // A refused or missing page in the browser gets the portal's own page with a way back, not the browser's bare
        // error; wallets, scripts and API clients (which do not ask for HTML) get the status as it was.
        app.UseWhen(context => context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        // Plain static files from the app's own wwwroot: the same in `dotnet run`, a published build and tests.
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The same rule as MVC's IsLocalUrl: a path on this site, never `//host` or `/\host`.</summary>
    private static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    /// <summary>The language switch: a cookie, then back where the user was.</summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapPost("/culture", (HttpContext context, string culture, string? returnUrl) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == culture) ?? Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : "~/");
        }).DisableAntiforgery();
}
