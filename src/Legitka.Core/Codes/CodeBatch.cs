namespace Legitka.Codes;

/// <summary>
/// A request to make codes for some classes or one pupil, run as a durable background job: each class is one
/// transaction (<see cref="SlipSet"/>), so a restart resumes after the last finished class and never repeats one.
/// </summary>
public sealed class CodeBatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid? RequestedById { get; init; }
    public required string RequestedByName { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>The classes to cover, as JSON ids; empty when <see cref="PupilId"/> names one pupil.</summary>
    public required string ClassIds { get; init; }
    public Guid? PupilId { get; init; }
    /// <summary>
    /// A class batch gives codes only to pupils who need one: no working mLegitymacja and no slip still valid. With this,
    /// pupils holding a valid unused slip get a new code too, and their slips stop working (lost or misprinted slips).
    /// </summary>
    public bool ReplaceUnusedCodes { get; init; }
    public CodeBatchState State { get; set; } = CodeBatchState.Queued;
    public int Total { get; set; }
    public int Done { get; set; }
    /// <summary>Which worker holds the batch, and until when; a worker that dies lets the lease lapse.</summary>
    public Guid? LeaseToken { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
}

public enum CodeBatchState
{
    Queued,
    Running,
    Done,
    Failed,
}
