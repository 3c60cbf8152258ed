using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Legitka.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Legitka.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Legitka.Migrations.Postgres";

    public static IServiceCollection AddLegitkaDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var connectionString = ConnectionString(provider, configuration);
        // Pooled: a new context per request set up EF Core's internal services each time, about a tenth of the
        // issuer's CPU per activation (docs/activation-performance.md).
        services.AddPooledDbContextFactory<LegitkaDbContext>(options => Configure(options, provider, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LegitkaDbContext>>().CreateDbContext()
            .Lease(sp.GetRequiredService<TimeProvider>(), sp.GetService<Audit.AuditChainKey>()));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
        };
    }

    public static string ConnectionString(DatabaseProvider provider, IConfiguration configuration) => provider switch
    {
        DatabaseProvider.Sqlite => configuration.GetConnectionString("Legitka")
            ?? $"Data Source={Path.Combine(DataDirectory(configuration), "legitka.db")};Pooling=True;Default Timeout=30",
        DatabaseProvider.Postgres => WithPostgresDefaults(configuration.GetConnectionString("Legitka")
            ?? throw new DeploymentProblemException(
                "Database:Provider is Postgres but ConnectionStrings:Legitka is not set. " +
                "Set it, e.g. ConnectionStrings__Legitka='Host=127.0.0.1;Port=5432;Database=legitka;Username=legitka;Password=…'.")),
    };

    /// <summary>
    /// Npgsql settings that pay off on the issuer's hot path, unless the connection string says otherwise: no
    /// <c>DISCARD ALL</c> on every reuse of a pooled connection (we keep no session state: locks are transaction-scoped),
    /// the hottest statements prepared once per connection instead of parsed and planned on every call, and at most 32
    /// connections per node instead of Npgsql's 100 — a server's default limit is 100 in all, and beyond a few per core
    /// more connections only add contention. Measured with `legitka bench activation` on PostgreSQL
    /// (docs/activation-performance.md).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        if (!keys.Contains("NORESETONCLOSE"))
        {
            given.NoResetOnClose = true;
        }

        if (!keys.Contains("MAXAUTOPREPARE"))
        {
            given.MaxAutoPrepare = 64;
        }

        if (!keys.Overlaps(["MAXIMUMPOOLSIZE", "MAXPOOLSIZE"]))
        {
            given.MaxPoolSize = 32;
        }

        return given.ConnectionString;
    }

    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration[$"{LegitkaOptions.Section}:{nameof(LegitkaOptions.DataDirectory)}"] ?? "./data");

    /// <summary>Creates or upgrades the schema. PostgreSQL migrations take a lock, so several nodes may start at once.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        if (db.Database.IsSqlite())
        {
            var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
        }
        else
        {
            // Made here rather than by MigrateAsync, which first fails to connect and logs that as an error.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(ct))
            {
                try
                {
                    await creator.CreateAsync(ct);
                }
                catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
                {
                    // Another node starting at the same moment made it.
                }
            }

            // Npgsql's migrator reads the history table before it makes it and logs the failure as an error
            // (npgsql/efcore.pg#3407); on a new database a user would see "Failed executing DbCommand" on a clean start.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }

        // A node with another local secret stops before it changes anything (on a database that already knows the secret).
        var secret = scope.ServiceProvider.GetRequiredService<Codes.CodeHasher>();
        var secretChecked = (await db.Database.GetAppliedMigrationsAsync(ct)).Any(m => m.EndsWith("_LocalSecretCheck", StringComparison.Ordinal));
        if (secretChecked)
        {
            await Security.LocalSecretCheck.EnsureMatchesAsync(db, secret, ct);
        }

        // The upgrade that keys the audit chain anchors the entries sealed before it (UnkeyedBeginning says how far to trust that).
        var keysTheChain = (await db.Database.GetPendingMigrationsAsync(ct)).Any(m => m.EndsWith("_KeyedAuditChain", StringComparison.Ordinal));
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the portal read while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        if (!secretChecked)
        {
            // A new database (or one from before the check): its first node records the fingerprint.
            await Security.LocalSecretCheck.EnsureMatchesAsync(db, secret, ct);
        }

        var logger = scope.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseSetup)) ?? NullLogger.Instance;
        if (keysTheChain)
        {
            var dataDirectory = scope.ServiceProvider.GetRequiredService<IOptions<LegitkaOptions>>().Value.DataDirectory;
            await Audit.UnkeyedBeginning.AnchorAtUpgradeAsync(db, dataDirectory, logger, ct);
        }

        if (await Audit.UnkeyedBeginning.AwaitsAnchorAsync(db, ct))
        {
            logger.LogError("The audit log ends in entries sealed before the chain was keyed and not anchored, so nothing can be audited " +
                "(and so changed) until they are. If an upgrade was interrupted, check them with `legitka audit verify` and run `legitka audit anchor`.");
        }

        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }
}
