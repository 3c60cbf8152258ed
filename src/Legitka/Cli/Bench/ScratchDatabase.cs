using Legitka.Data;
using Npgsql;

namespace Legitka.Cli.Bench;

/// <summary>
/// Where a benchmark writes: a temporary data directory with a SQLite file, or a new database on the PostgreSQL
/// server given. Disposing removes both — on every path, failures and Ctrl+C included.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string? _postgresDatabase;

    private ScratchDatabase(string directory, string? postgresDatabase, string[] configurationArgs)
    {
        _directory = directory;
        _postgresDatabase = postgresDatabase;
        ConfigurationArgs = configurationArgs;
    }

    /// <summary>`--Key=value` settings that point Legitka at it.</summary>
    public string[] ConfigurationArgs { get; }

    public string Provider => _postgresDatabase is null ? "sqlite" : "postgres";

    /// <param name="postgresServer">A server's connection string without a database, or null for SQLite.</param>
    public static ScratchDatabase Create(string? postgresServer)
    {
        var directory = Path.Combine(Path.GetTempPath(), "legitka-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (postgresServer is null)
        {
            return new ScratchDatabase(directory, null, [$"--Legitka:DataDirectory={directory}"]);
        }

        var database = new NpgsqlConnectionStringBuilder(postgresServer) { Database = $"legitka_bench_{Guid.NewGuid():N}" };
        return new ScratchDatabase(directory, database.ConnectionString,
            [$"--Legitka:DataDirectory={directory}", "--Database:Provider=Postgres", $"--ConnectionStrings:Legitka={database.ConnectionString}"]);
    }

    /// <summary>Legitka's core services on it, the schema migrated (no web server).</summary>
    public async Task<IHost> StartCoreHostAsync(CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = ConfigurationArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddLegitkaCore(builder.Configuration);
        var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services, ct);
        return host;
    }

    public ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            ScratchPostgresDatabase.Drop(_postgresDatabase);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
