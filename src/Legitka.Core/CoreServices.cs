using Legitka.Applications;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Readiness;
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
        services.AddScoped<ApplicationDesk>();
        services.AddScoped<PhotoReview>();
        services.AddScoped<PhotoIntake>();
        services.AddScoped<ClassReadiness>();
        return services;
    }
}
