using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Legitka.Notifications;

/// <summary>Turns an outbox row into a MIME message and opens the configured SMTP connection.</summary>
internal static class SmtpMail
{
    public static MimeMessage Compose(OutboxMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart(TextFormat.Plain) { Text = message.Body },
            // Stable per row: should a retry deliver a message twice (a node lost its claim mid-send), mail clients
            // can tell the copies are one message.
            MessageId = $"{message.Id:N}@{from.Domain}",
            // MimeKit would stamp the wall clock; the message dates from the change it announces.
            Date = new DateTimeOffset(message.CreatedAt),
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }

    public static async Task ConnectAsync(SmtpClient client, SmtpOptions options, CancellationToken ct)
    {
        if (!options.Enabled)
        {
            throw new InvalidOperationException("E-mail is disabled: Smtp:Host is not configured.");
        }

        var security = options.UseTls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            SmtpTls.Ssl => SecureSocketOptions.SslOnConnect,
        };
        await client.ConnectAsync(options.Host, options.Port, security, ct);
        if (options is { User: { Length: > 0 } user, Password: { } password })
        {
            await client.AuthenticateAsync(user, password, ct);
        }
    }
}
