using Legitka.Data;
using Npgsql;

namespace Legitka.Tests.Registry;

public sealed class PostgresDefaultsTests
{
    [Fact]
    public void Pooled_connections_are_not_reset_hot_statements_are_prepared_and_the_pool_is_bounded_unless_the_operator_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Username=u;Password=p;Database=legitka"));
        Assert.True(defaults.NoResetOnClose);
        Assert.Equal(64, defaults.MaxAutoPrepare);
        Assert.Equal(32, defaults.MaxPoolSize);
        Assert.Equal("p", defaults.Password);

        var chosen = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Username=u;No Reset On Close=false;Max Auto Prepare=0;Maximum Pool Size=200"));
        Assert.False(chosen.NoResetOnClose);
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.Equal(200, chosen.MaxPoolSize);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;MaxPoolSize=7")).MaxPoolSize);
    }
}
