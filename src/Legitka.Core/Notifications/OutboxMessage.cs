namespace Legitka.Notifications;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change it announces, sent later by the
/// background sender with retries: if SMTP is down, nothing is lost.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? SchoolId { get; init; }
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public DateTime CreatedAt { get; init; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Optimistic concurrency: two nodes never send the same message.</summary>
    public Guid ClaimToken { get; set; }
}
