using Legitka.Data;
using Legitka.Demo;
using Legitka.Endpoints;
using Legitka.Endpoints.Issuance;

namespace Legitka.Web;

/// <summary>Builds the web application `legitka serve` runs; tests start the very same one on a loopback port.</summary>
public static class LegitkaWebApp
{
    public static WebApplication Build(string[] configurationArgs, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(LegitkaWebApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.Services.AddLegitkaCore(builder.Configuration);
        builder.Services.AddLegitkaAccounts();
        builder.Services.AddLegitkaPortal();
        builder.Services.AddLegitkaNotifications(builder.Configuration);
        builder.Services.AddSingleton<Legitka.Codes.CodeBatchRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Legitka.Codes.CodeBatchRunner>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Legitka.Audit.AuditSealer>());

        var app = builder.Build();
        app.UseLegitkaPipeline();
        app.MapRazorPages();
        app.MapHealthEndpoint();
        app.MapRegistryApi();
        app.MapPhotoEndpoints();
        app.MapIssuerEndpoints();
        app.MapCodeEndpoints();
        app.MapCultureSwitch();
        app.MapOpenApi();
        return app;
    }

    /// <summary>Migrates the database and, when asked, seeds the demo school; returns whether demo data was seeded.</summary>
    public static async Task<bool> PrepareAsync(WebApplication app, bool demo, CancellationToken ct = default)
    {
        await DatabaseSetup.MigrateAsync(app.Services, ct);
        if (!demo)
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
    }
}
