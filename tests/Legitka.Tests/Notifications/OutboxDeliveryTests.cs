using Legitka.Data;
using Legitka.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Legitka.Tests.Notifications.OutboxTestSupport;

namespace Legitka.Tests.Notifications;

public sealed class OutboxDeliveryTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_message_arrives_over_SMTP_with_its_Polish_text_intact()
    {
        var to = UniqueAddress("opiekun");
        var text = GuardianMessages.PhotoRejected("Zażółć Gęślą-Jaźń", "Tło nie jest jednolite i jasne", "https://szkola.example/portal");
        Guid id;
        await using (var scope = fixture.App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            id = Notifier.Enqueue(db, to, text, schoolId: null).Id;
            await db.SaveChangesAsync(Ct);
        }

        await fixture.App.Sender().ProcessDueAsync(Ct);

        var mail = Assert.Single(fixture.Smtp.To(to));
        Assert.Equal([to], mail.EnvelopeTo);
        Assert.Equal(to, Assert.Single(mail.Message.To.Mailboxes).Address);
        Assert.Equal("noreply@szkola.example", Assert.Single(mail.Message.From.Mailboxes).Address);
        Assert.Equal(text.Subject, mail.Message.Subject);
        Assert.Equal(text.Body, (mail.Message.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains("Powód: Tło nie jest jednolite i jasne", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal("utf-8", mail.Message.BodyParts.Single().ContentType.Charset, ignoreCase: true);
        Assert.Equal($"{id:N}@szkola.example", mail.Message.MessageId);

        var row = await fixture.App.OutboxRowAsync(id);
        Assert.Equal(fixture.App.Clock.GetUtcNow().UtcDateTime, row.SentAt);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Two_senders_racing_send_each_message_exactly_once()
    {
        var addresses = Enumerable.Range(0, 20).Select(i => UniqueAddress($"wyscig{i}")).ToList();
        await using (var scope = fixture.App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            foreach (var address in addresses)
            {
                Notifier.Enqueue(db, address, "Wyścig", "Jedna wiadomość, jeden odbiór.", schoolId: null);
            }

            await db.SaveChangesAsync(Ct);
        }

        // A second instance stands in for a second node: its own scopes, its own DbContext, the same database.
        var first = fixture.App.Sender();
        var second = ActivatorUtilities.CreateInstance<OutboxSender>(fixture.App.Services);
        await Task.WhenAll(first.ProcessDueAsync(Ct), second.ProcessDueAsync(Ct));

        Assert.All(addresses, address => Assert.Single(fixture.Smtp.To(address)));
        var unsent = await fixture.App.WithDbAsync(db =>
            db.Outbox.CountAsync(m => addresses.Contains(m.To) && (m.SentAt == null || m.Attempts != 1), Ct));
        Assert.Equal(0, unsent);
    }

    [Fact]
    public async Task The_background_loop_sends_when_its_period_has_passed()
    {
        var to = UniqueAddress("petla");
        var id = await fixture.App.EnqueueAsync(to);

        // Nothing in this test sends but the background loop. It may be busy with an earlier tick's batch when the clock
        // moves (CI once saw nothing arrive within 10 s of a single period on PostgreSQL, cause not found): as in
        // production, each further period is another chance — but at most a few, and the message must come once.
        for (var period = 0; period < 5 && fixture.Smtp.To(to).Count == 0; period++)
        {
            fixture.App.Clock.Advance(TimeSpan.FromSeconds(3600));
            try
            {
                await fixture.Smtp.WaitForAsync(to, timeout: TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // The next period.
            }
        }

        Assert.Single(fixture.Smtp.To(to));
        Assert.NotNull(await SentAtEventuallyAsync(id));
    }

    [Fact]
    public async Task Without_an_SMTP_host_nothing_is_sent_and_messages_stay_queued()
    {
        var to = UniqueAddress("bez-smtp");
        var id = await fixture.App.EnqueueAsync(to);
        using var disabled = new OutboxSender(fixture.App.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new SmtpOptions()), Options.Create(new NotificationOptions()), fixture.App.Clock, NullLogger<OutboxSender>.Instance);

        await disabled.StartAsync(Ct);
        await disabled.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(0, await disabled.ProcessDueAsync(Ct));

        var row = await fixture.App.OutboxRowAsync(id);
        Assert.Equal((0, null, (string?)null), (row.Attempts, row.SentAt, row.LastError));
        Assert.Empty(fixture.Smtp.To(to));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nie adres")]
    [InlineData("rodzic@")]
    public async Task Enqueue_refuses_what_is_not_an_address(string to)
    {
        await using var scope = fixture.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        Assert.Throws<ArgumentException>(() => Notifier.Enqueue(db, to, "Temat", "Treść", schoolId: null));
        Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
    }

    [Fact]
    public async Task Enqueue_refuses_a_subject_longer_than_the_column_on_every_database()
    {
        await using var scope = fixture.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var subject = new string('ą', Notifier.MaxSubjectLength + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Notifier.Enqueue(db, UniqueAddress("temat"), subject, "Treść", schoolId: null));
    }

    [Fact]
    public async Task Enqueue_stamps_the_clock_and_leaves_saving_to_the_caller()
    {
        await using var scope = fixture.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var schoolId = Guid.NewGuid();

        var message = Notifier.Enqueue(db, UniqueAddress("zegar"), "Temat", "Treść", schoolId);

        var now = fixture.App.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal((now, now, schoolId, 0), (message.CreatedAt, message.NextAttemptAt, message.SchoolId, message.Attempts));
        Assert.Equal(EntityState.Added, db.Entry(message).State);
        Assert.False(await db.Outbox.AnyAsync(m => m.Id == message.Id, Ct));
    }

    /// <summary>The loop records SentAt just after the server has the message; poll for it rather than sleep.</summary>
    private async Task<DateTime?> SentAtEventuallyAsync(Guid id)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await fixture.App.OutboxRowAsync(id)).SentAt is { } sentAt)
            {
                return sentAt;
            }

            await Task.Delay(25, Ct);
        }

        return null;
    }
}
