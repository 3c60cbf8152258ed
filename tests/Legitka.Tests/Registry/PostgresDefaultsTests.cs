using Legitka.Data;
using Npgsql;

namespace Legitka.Tests.Registry;

public sealed class PostgresDefaultsTests
{
    [Fact]
    public void Pooled_connections_are_not_reset_and_hot_statements_are_prepared_unless_the_operator_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Username=u;Password=p;Database=legitka"));
        Assert.True(defaults.NoResetOnClose);
        Assert.Equal(64, defaults.MaxAutoPrepare);
        Assert.Equal("p", defaults.Password);

        var chosen = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Username=u;No Reset On Close=false;Max Auto Prepare=0"));
        Assert.False(chosen.NoResetOnClose);
        Assert.Equal(0, chosen.MaxAutoPrepare);
    }
}
