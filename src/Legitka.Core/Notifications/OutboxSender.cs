using Legitka.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Legitka.Notifications;

/// <summary>
/// Delivers the outbox over SMTP. Every few seconds it takes the due messages, claims each by changing its
/// <see cref="OutboxMessage.ClaimToken"/> only if nobody else has (so two nodes never send the same message), sends
/// it, and records the result: sent, or tried again later with a growing delay.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IOptions<SmtpOptions> smtpOptions,
    IOptions<NotificationOptions> notificationOptions,
    TimeProvider clock,
    ILogger<OutboxSender> log) : BackgroundService
{
    private const int BatchSize = 50;
    private const int ErrorLength = 1000;

    /// <summary>
    /// How long a claim holds a message: longer than one SMTP conversation (MailKit gives up after 2 minutes), so a
    /// node that dies mid-send leaves the message to the others afterwards rather than forever.
    /// </summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    private readonly SmtpOptions _smtp = smtpOptions.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_smtp.Enabled)
        {
            log.LogWarning("E-mail is disabled because Smtp:Host is not configured; messages stay queued in the outbox.");
            return;
        }

        var period = TimeSpan.FromSeconds(notificationOptions.Value.PollSeconds);
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            // The first run, too, waits one period, so that a process restarting in a loop does not hit SMTP each time.
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ProcessDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly unreachable; the next tick tries again.
                    log.LogError(e, "Sending the outbox failed; trying again in {Period}.", period);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown. A message claimed but not yet recorded is retried by any node once its claim lapses.
        }
    }

    /// <summary>Sends the messages due now, each once even when several nodes run this together; returns how many were sent.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        if (!_smtp.Enabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < RetrySchedule.MaxAttempts && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        // Validated at start: with Smtp:Host set, Smtp:From is an address.
        var from = MailboxAddress.Parse(_smtp.From!);
        using var client = new SmtpClient();
        Exception? unreachable = null;
        var sent = 0;
        foreach (var message in due)
        {
            var claim = Guid.NewGuid();
            if (!await ClaimAsync(db, message, claim, ct))
            {
                continue;
            }

            if (!client.IsConnected && unreachable is null)
            {
                unreachable = await TryAsync(() => SmtpMail.ConnectAsync(client, _smtp, ct), ct);
            }

            var error = unreachable ?? await TryAsync(() => client.SendAsync(SmtpMail.Compose(message, from), ct), ct);
            if (error is null)
            {
                await MarkSentAsync(db, message);
                sent++;
            }
            else
            {
                await RecordFailureAsync(db, message, claim, error);
            }
        }

        if (client.IsConnected)
        {
            // Every result is recorded by now; a failed QUIT changes nothing.
            await TryAsync(() => client.DisconnectAsync(quit: true, ct), ct);
        }

        return sent;
    }

    /// <summary>Takes the message if its token is still the one read, and holds it for the lease.</summary>
    private async Task<bool> ClaimAsync(LegitkaDbContext db, OutboxMessage message, Guid claim, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + ClaimLease;
        var claimed = await db.Outbox
            .Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, claim).SetProperty(m => m.NextAttemptAt, until), ct);
        return claimed == 1;
    }

    private static async Task<Exception?> TryAsync(Func<Task> action, CancellationToken ct)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Any failure (refused connection, TLS, authentication, a rejected recipient) is the message's to retry.
            return e;
        }
    }

    // The two writes below are not cancelled: once SMTP has answered, forgetting the answer would resend or lose a try.
    private async Task MarkSentAsync(LegitkaDbContext db, OutboxMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.Attempts, message.Attempts + 1), CancellationToken.None);
        log.LogInformation("Sent e-mail {MessageId} after {Attempts} attempt(s).", message.Id, message.Attempts + 1);
    }

    private async Task RecordFailureAsync(LegitkaDbContext db, OutboxMessage message, Guid claim, Exception error)
    {
        var attempts = message.Attempts + 1;
        var next = clock.GetUtcNow().UtcDateTime + RetrySchedule.DelayAfter(attempts);
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text.Length <= ErrorLength ? text : text[..ErrorLength];
        await db.Outbox.Where(m => m.Id == message.Id && m.ClaimToken == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.NextAttemptAt, next), CancellationToken.None);
        if (attempts >= RetrySchedule.MaxAttempts)
        {
            log.LogError("Giving up on e-mail {MessageId} after {Attempts} attempts: {Error}", message.Id, attempts, text);
        }
        else
        {
            log.LogWarning("E-mail {MessageId} failed (attempt {Attempts}), next try at {NextAttemptAt:o}: {Error}", message.Id, attempts, next, text);
        }
    }
}
