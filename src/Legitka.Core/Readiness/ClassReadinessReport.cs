namespace Legitka.Readiness;

/// <summary>The homeroom teacher's report that a class is ready for codes; the newest report is the one that counts.</summary>
public sealed class ClassReadinessReport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid ClassId { get; init; }
    public Guid? ReportedById { get; init; }
    public required string ReportedByName { get; init; }
    public DateTime ReportedAt { get; init; }
    /// <summary>Pupils confirmed as left out of this batch (no application, an objection, no accepted photo), as JSON ids.</summary>
    public required string LeftOutPupilIds { get; init; }
    public int ReadyPupils { get; init; }
    /// <summary>Set when the secretary has taken the class into code generation, or the report was withdrawn.</summary>
    public DateTime? ClosedAt { get; set; }
}
