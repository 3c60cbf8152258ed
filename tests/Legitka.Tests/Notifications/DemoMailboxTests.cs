using Legitka.Demo;
using Legitka.Tests.Infrastructure;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Legitka.Tests.Notifications;

/// <summary>The demo's own SMTP server really accepts mail and shows each user their messages.</summary>
public sealed class DemoMailboxTests
{
    [Fact]
    public async Task Messages_sent_over_smtp_appear_for_their_recipient()
    {
        var port = TestSmtpServer.FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:SmtpPort"] = $"{port}" }).Build();
        using var mailbox = new DemoMailbox(configuration, NullLogger<DemoMailbox>.Instance);
        await mailbox.StartAsync(TestContext.Current.CancellationToken);

        using var client = new SmtpClient();
        for (var attempt = 0; !client.IsConnected; attempt++)
        {
            try
            {
                await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 50)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken); // the listener starts in the background
            }
        }

        var message = new MimeMessage { Subject = "mLegitymacja: zdjęcie odrzucone (Łucja Żak)", Body = new TextPart("plain") { Text = "Powód: nieostre" } };
        message.From.Add(MailboxAddress.Parse("szkola@sp7.legitka.test"));
        message.To.Add(MailboxAddress.Parse("rodzic@legitka.test"));
        await client.SendAsync(message, TestContext.Current.CancellationToken);
        await client.DisconnectAsync(true, TestContext.Current.CancellationToken);
        await mailbox.StopAsync(TestContext.Current.CancellationToken);

        var mail = Assert.Single(mailbox.To("RODZIC@legitka.test"));
        Assert.Equal("mLegitymacja: zdjęcie odrzucone (Łucja Żak)", mail.Subject);
        Assert.Contains("Powód: nieostre", mail.Body);
        Assert.Empty(mailbox.To("sekretariat@sp7.legitka.test"));
    }
}
