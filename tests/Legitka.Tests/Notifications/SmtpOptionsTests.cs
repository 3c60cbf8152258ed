using Legitka.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Legitka.Tests.Notifications;

public sealed class SmtpOptionsTests
{
    [Theory]
    [InlineData("none", SmtpTls.None)]
    [InlineData("starttls", SmtpTls.StartTls)]
    [InlineData("ssl", SmtpTls.Ssl)]
    public void UseTls_reads_the_documented_words(string configured, SmtpTls expected)
    {
        using var host = Build(new() { ["Smtp:Host"] = "smtp.example", ["Smtp:From"] = "noreply@szkola.example", ["Smtp:UseTls"] = configured });
        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value.UseTls);
    }

    [Fact]
    public async Task Without_a_host_e_mail_is_disabled_and_the_application_starts()
    {
        using var host = Build([]);
        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.False(host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value.Enabled);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Smtp:From", null)]
    [InlineData("Smtp:From", "nie adres")]
    [InlineData("Smtp:Port", "0")]
    [InlineData("Smtp:Password", null)]
    [InlineData("Notifications:PollSeconds", "0")]
    public async Task A_host_with_a_bad_setting_refuses_to_start(string key, string? value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example",
            ["Smtp:From"] = "noreply@szkola.example",
            ["Smtp:User"] = "legitka",
            ["Smtp:Password"] = "sekret",
            [key] = value,
        };
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLogging();
        builder.Services.AddLegitkaNotifications(builder.Configuration);
        return builder.Build();
    }
}
