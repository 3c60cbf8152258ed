namespace Legitka.Registry;

/// <summary>The pupil's school ID card (legitymacja szkolna), which the mLegitymacja mirrors.</summary>
public sealed class Card
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid PupilId { get; init; }
    public required string Number { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateTime? InvalidatedAt { get; set; }
    public string? InvalidationReason { get; set; }

    /// <summary>Expiry is derived from the date rather than stored, so it can never disagree with the calendar.</summary>
    public CardStatus StatusOn(DateOnly today) =>
        InvalidatedAt is not null ? CardStatus.Invalidated
        : ValidUntil < today ? CardStatus.Expired
        : CardStatus.Valid;
}

public enum CardStatus
{
    Valid,
    Expired,
    Invalidated,
}
