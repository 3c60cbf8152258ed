using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Registry;

/// <summary>A model change without a migration fails here, for each provider (no server needed).</summary>
public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void Model_has_no_changes_without_a_migration(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<LegitkaDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        using var db = LegitkaDbContext.Create(options.Options, TimeProvider.System);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a migration for {provider}: run scripts/add-migration.sh NAME.");
    }
}
