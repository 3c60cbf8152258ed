using Legitka.Data;

namespace Legitka.Tests.Infrastructure;

/// <summary>
/// A fresh database per fixture on the provider this run targets: SQLite by default, PostgreSQL when
/// LEGITKA_TEST_DB=postgres (the README's test command runs the suite once for each).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(DatabaseProvider provider, string dataDirectory, string connectionString)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }
    public string DataDirectory { get; }
    public string ConnectionString { get; }

    public static DatabaseProvider TargetProvider =>
        string.Equals(Environment.GetEnvironmentVariable("LEGITKA_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static TestDatabase Create()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "legitka-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        if (TargetProvider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(DatabaseProvider.Sqlite, dataDirectory,
                $"Data Source={Path.Combine(dataDirectory, "legitka.db")};Pooling=False;Default Timeout=30");
        }

        var server = Environment.GetEnvironmentVariable("LEGITKA_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "LEGITKA_TEST_DB=postgres needs LEGITKA_TEST_POSTGRES (e.g. 'Host=127.0.0.1;Port=55432;Username=legitka;Password=legitka'). " +
                "scripts/test.sh starts such a server.");
        return new TestDatabase(DatabaseProvider.Postgres, dataDirectory, $"{server};Database=legitka_t_{Guid.NewGuid():N}");
    }

    /// <summary>Configuration as a user would pass it on the command line.</summary>
    public string[] ConfigurationArgs =>
    [
        $"--Legitka:DataDirectory={DataDirectory}",
        $"--Database:Provider={Provider}",
        $"--ConnectionStrings:Legitka={ConnectionString}",
    ];

    public void Dispose()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            ScratchPostgresDatabase.Drop(ConnectionString);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may still hold the SQLite file open; the temp folder is cleaned later.
        }
    }
}
