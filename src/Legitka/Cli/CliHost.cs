using System.CommandLine;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

/// <summary>The services an admin verb runs with: the same configuration and database as `serve`.</summary>
internal static class CliHost
{
    /// <summary>Tokens the verb did not define (`--Key=value`, `--Key value`) are configuration, as for `serve`.</summary>
    public static string[] ConfigurationArgs(ParseResult parse) => [.. parse.UnmatchedTokens];

    public static async Task<IHost> StartAsync(ParseResult parse, CancellationToken ct, Action<IServiceCollection>? addServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = ConfigurationArgs(parse),
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Standard output carries the verb's result (e.g. a CSV); logs go to standard error.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddLegitkaCore(builder.Configuration);
        addServices?.Invoke(builder.Services);
        var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services, ct);
        return host;
    }

    /// <summary>Runs a verb's work against one school (named by RSPO, or the only one); exit code 1 when there is none.</summary>
    public static async Task<int> ForSchoolAsync(ParseResult parse, string? rspo, Func<IServiceProvider, School, Task<int>> work, CancellationToken ct)
    {
        using var host = await StartAsync(parse, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var school = await ResolveSchoolAsync(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>(), rspo, ct);
        return school is null ? 1 : await work(scope.ServiceProvider, school);
    }

    /// <summary>The school a verb acts on: the one named by RSPO, or the only one there is.</summary>
    public static async Task<School?> ResolveSchoolAsync(LegitkaDbContext db, string? rspo, CancellationToken ct)
    {
        if (rspo is not null)
        {
            var school = await db.Schools.SingleOrDefaultAsync(s => s.Rspo == rspo, ct);
            if (school is null)
            {
                await Console.Error.WriteLineAsync($"error: no school with RSPO number {rspo}.");
            }

            return school;
        }

        var schools = await db.Schools.OrderBy(s => s.Rspo).Take(2).ToListAsync(ct);
        switch (schools.Count)
        {
            case 1:
                return schools[0];
            case 0:
                await Console.Error.WriteLineAsync("error: there is no school yet; run `legitka serve --demo` or create one first.");
                return null;
            default:
                await Console.Error.WriteLineAsync("error: this deployment has several schools; name one with --school RSPO.");
                return null;
        }
    }
}
