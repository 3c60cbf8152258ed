using Npgsql;

namespace Legitka.Data;

/// <summary>A PostgreSQL database made for one test fixture or one benchmark run, and dropped after it.</summary>
public static class ScratchPostgresDatabase
{
    /// <summary>Drops the database the connection string names; connections still open to it are closed by force.</summary>
    public static void Drop(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
