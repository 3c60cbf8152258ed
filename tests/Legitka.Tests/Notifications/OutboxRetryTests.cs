using Legitka.Notifications;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Legitka.Tests.Notifications.OutboxTestSupport;

namespace Legitka.Tests.Notifications;

public sealed class OutboxRetryTests(MailDownFixture fixture) : IClassFixture<MailDownFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_SMTP_is_down_the_message_stays_queued_and_is_tried_again_later()
    {
        var id = await fixture.App.EnqueueAsync(UniqueAddress("awaria"));

        await fixture.App.Sender().ProcessDueAsync(Ct);

        var row = await fixture.App.OutboxRowAsync(id);
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(row.LastError));
        Assert.Equal(fixture.App.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(30), row.NextAttemptAt);

        // Not due yet: another run leaves it alone.
        await fixture.App.Sender().ProcessDueAsync(Ct);
        Assert.Equal(1, (await fixture.App.OutboxRowAsync(id)).Attempts);
    }

    [Fact]
    public async Task Once_SMTP_is_back_and_the_delay_has_passed_the_message_is_sent_exactly_once()
    {
        var to = UniqueAddress("powrot");
        var id = await fixture.App.EnqueueAsync(to, "Zdjęcie przyjęte", "Zażółć gęślą jaźń");
        await fixture.App.Sender().ProcessDueAsync(Ct);
        Assert.Equal(1, (await fixture.App.OutboxRowAsync(id)).Attempts);

        await using var smtp = await TestSmtpServer.StartAsync(fixture.SmtpPort);
        await fixture.App.Sender().ProcessDueAsync(Ct);
        Assert.Empty(smtp.To(to)); // the server is up, but the retry is not due yet

        fixture.App.Clock.Advance(TimeSpan.FromSeconds(30));
        await fixture.App.Sender().ProcessDueAsync(Ct);
        await fixture.App.Sender().ProcessDueAsync(Ct);

        var mail = Assert.Single(smtp.To(to));
        Assert.Equal("Zażółć gęślą jaźń", (mail.Message.TextBody ?? "").TrimEnd());
        var row = await fixture.App.OutboxRowAsync(id);
        Assert.Equal(fixture.App.Clock.GetUtcNow().UtcDateTime, row.SentAt);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_is_kept_but_no_longer_tried()
    {
        var id = await fixture.App.EnqueueAsync(UniqueAddress("koniec"));
        await fixture.App.WithDbAsync(db => db.Outbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, RetrySchedule.MaxAttempts - 1), Ct));

        await fixture.App.Sender().ProcessDueAsync(Ct);
        Assert.Equal(RetrySchedule.MaxAttempts, (await fixture.App.OutboxRowAsync(id)).Attempts);

        // Due by time again, but exhausted: it stays, with its error, for a person to look at.
        var now = fixture.App.Clock.GetUtcNow().UtcDateTime;
        await fixture.App.WithDbAsync(db => db.Outbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), Ct));
        await fixture.App.Sender().ProcessDueAsync(Ct);

        var row = await fixture.App.OutboxRowAsync(id);
        Assert.Equal(RetrySchedule.MaxAttempts, row.Attempts);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.LastError);
    }
}
