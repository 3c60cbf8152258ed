using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Legitka.Notifications;

// Beside AddLegitkaCore, so that a host needs no further using to compose it.
namespace Legitka;

public static class NotificationServices
{
    /// <summary>The background e-mail sender and its options; queueing (<see cref="Notifier"/>) needs nothing registered.</summary>
    public static IServiceCollection AddLegitkaNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
