using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Legitka.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without a running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LegitkaDbContext>
{
    public LegitkaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LegitkaDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, DesignTimeConnectionString);
        return LegitkaDbContext.Create(options.Options, TimeProvider.System);
    }

    public const string DesignTimeConnectionString = "Data Source=design-time.db";
}
