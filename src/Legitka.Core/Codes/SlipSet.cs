namespace Legitka.Codes;

/// <summary>
/// The printable slips of one class in one batch. The plain activation codes are here and nowhere else,
/// encrypted with Data Protection, so the homeroom teacher can download the PDF; they are erased when the codes expire.
/// </summary>
public sealed class SlipSet
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid BatchId { get; init; }
    public Guid SchoolId { get; init; }
    /// <summary>The class the slips are for (for a one-pupil batch, that pupil's class).</summary>
    public Guid ClassId { get; init; }
    public int Count { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    /// <summary>Data-Protection-encrypted JSON of the slips; null once erased.</summary>
    public byte[]? ProtectedSlips { get; set; }
}
