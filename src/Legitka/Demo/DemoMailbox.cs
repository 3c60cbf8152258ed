using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Legitka.Demo;

/// <summary>
/// `serve --demo` without an SMTP server of its own gets this one: a real SMTP server on a loopback port that keeps
/// the last messages in memory, so a new user can read what guardians are sent ("Poczta demo") with nothing installed.
/// </summary>
public sealed class DemoMailbox(IConfiguration configuration, ILogger<DemoMailbox> log) : BackgroundService
{
    public const int DefaultPort = 2525;
    private const int Kept = 200;
    private readonly ConcurrentQueue<DemoMail> _received = new();

    public int Port => configuration.GetValue("Demo:SmtpPort", DefaultPort);

    public IReadOnlyList<DemoMail> To(string address) =>
        [.. _received.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).Reverse()];

    /// <summary>Settings that point the outbox sender at this mailbox.</summary>
    public static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "none",
        ["Smtp:From"] = "Szkoła Podstawowa nr 7 <sekretariat@sp7.legitka.test>",
        ["Notifications:PollSeconds"] = "2",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var options = new SmtpServerOptionsBuilder().ServerName("legitka-demo")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        try
        {
            log.LogInformation("Demo mailbox listening on 127.0.0.1:{Port}", Port);
            await new SmtpServer.SmtpServer(options, services).StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (System.Net.Sockets.SocketException e)
        {
            log.LogWarning("Demo mailbox could not listen on port {Port} ({Reason}); e-mails stay queued in the outbox.", Port, e.Message);
        }
    }

    private void Keep(DemoMail mail)
    {
        _received.Enqueue(mail);
        while (_received.Count > Kept && _received.TryDequeue(out _))
        {
        }
    }

    private sealed class Store(DemoMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            mailbox.Keep(new DemoMail([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message.Subject ?? "", message.TextBody ?? "",
                message.Date.UtcDateTime));
            return SmtpResponse.Ok;
        }
    }
}

public sealed record DemoMail(IReadOnlyList<string> To, string Subject, string Body, DateTime SentAt);
