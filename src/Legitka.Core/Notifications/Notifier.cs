using Microsoft.EntityFrameworkCore;
using Legitka.Data;
using MimeKit;

namespace Legitka.Notifications;

/// <summary>
/// Queues e-mails in the outbox. Nothing is sent here: the caller saves the message in the same SaveChanges (and so
/// the same transaction) as the change it announces, and <see cref="OutboxSender"/> delivers it later, with retries.
/// </summary>
public static class Notifier
{
    public const int MaxSubjectLength = 300;

    /// <summary>Whether SMTP can take the address (the e-diary's import checks addresses with a laxer parser).</summary>
    public static bool IsDeliverable(string to) => MailboxAddress.TryParse(to, out var address) && !string.IsNullOrEmpty(address.Address) && to.Length <= 254;

    public static OutboxMessage Enqueue(LegitkaDbContext db, string to, string subject, string body, Guid? schoolId)
    {
        // An address SMTP cannot take would fail on every retry; refusing it here points at the caller instead.
        if (!IsDeliverable(to))
        {
            throw new ArgumentException($"Not an e-mail address: '{to}'.", nameof(to));
        }

        // The column's limit: PostgreSQL would refuse a longer subject at SaveChanges, SQLite would keep it.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subject.Length, MaxSubjectLength, nameof(subject));

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            SchoolId = schoolId,
            To = to,
            Subject = subject,
            Body = body,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }

    public static OutboxMessage Enqueue(LegitkaDbContext db, string to, MailText text, Guid? schoolId) =>
        Enqueue(db, to, text.Subject, text.Body, schoolId);

    /// <summary>
    /// One message to every guardian the e-diary links to the pupil whose address SMTP can take: one it cannot must not
    /// make the decision the message announces fail.
    /// </summary>
    public static async Task EnqueueToGuardiansAsync(LegitkaDbContext db, Guid pupilId, Guid schoolId, MailText text, CancellationToken ct)
    {
        foreach (var email in (await db.PupilGuardians.Where(g => g.PupilId == pupilId).Select(g => g.Email).ToListAsync(ct)).Where(IsDeliverable))
        {
            Enqueue(db, email, text, schoolId);
        }
    }
}
