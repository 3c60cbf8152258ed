using Legitka.Tests.Infrastructure;

namespace Legitka.Tests.Notifications;

/// <summary>The application sending to a running test SMTP server.</summary>
public sealed class MailFixture : IAsyncLifetime
{
    private TestSmtpServer? _smtp;
    private TestApp? _app;

    public TestSmtpServer Smtp => _smtp ?? throw new InvalidOperationException("Not started.");
    public TestApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _app = await TestApp.StartAsync(demo: false, MailSettings.For(_smtp.Port));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }
}

/// <summary>The application pointed at a loopback port where no SMTP server listens until a test starts one.</summary>
public sealed class MailDownFixture : IAsyncLifetime
{
    private TestApp? _app;

    public int SmtpPort { get; } = TestSmtpServer.FreePort();
    public TestApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(demo: false, MailSettings.For(SmtpPort));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

internal static class MailSettings
{
    /// <summary>
    /// Plain SMTP on loopback. The poll period is an hour of the fake clock, so the background loop stays out of
    /// the way unless a test moves the clock that far; the tests call the sender themselves.
    /// </summary>
    public static string[] For(int port) =>
    [
        "--Smtp:Host=127.0.0.1",
        $"--Smtp:Port={port}",
        "--Smtp:UseTls=none",
        "--Smtp:From=Legitka <noreply@szkola.example>",
        "--Notifications:PollSeconds=3600",
    ];
}
