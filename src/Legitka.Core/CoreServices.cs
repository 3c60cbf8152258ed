using Legitka.Data;
using Legitka.Demo;
using Legitka.Import;
using Legitka.Register;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Legitka;

public static class CoreServices
{
    /// <summary>What the server and every admin verb share: clock, database and the registry's features.</summary>
    public static IServiceCollection AddLegitkaCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LegitkaOptions>().Bind(configuration.GetSection(LegitkaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddLegitkaDatabase(configuration);
        services.AddScoped<StudentImporter>();
        services.AddScoped<RegisterExport>();
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
