using Legitka.Applications;
using Legitka.Codes;
using Legitka.Issuance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Legitka.Security;
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
        // Keys live in the database so that every node (and every admin verb) decrypts what any other protected.
        // The keys are encrypted with the local secret kept outside the database (ADR 0008).
        services.AddDataProtection().PersistKeysToDbContext<LegitkaDbContext>().SetApplicationName("Legitka");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlEncryptor = new SecretKeyXmlEncryptor(sp.GetRequiredService<CodeHasher>())));
        services.AddSingleton<CodeHasher>();
        services.AddSingleton<Audit.AuditChainKey>();
        services.AddSingleton<Audit.AuditSealer>();
        services.AddScoped<Audit.IAuditFollowUp, Notifications.ActivationNotices>();
        services.AddScoped<CodeGenerator>();
        services.AddScoped<SlipArchive>();
        services.AddScoped<CodeDesk>();
        services.AddSingleton<IssuerKeyStore>();
        services.AddSingleton<StatusLists>();
        services.AddSingleton<NonceService>();
        services.AddSingleton<PreAuthorizedCodes>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<ProofOfPossession>();
        services.AddScoped<Offers>();
        services.AddScoped<CredentialIssuance>();
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
