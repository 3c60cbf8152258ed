namespace Legitka.Photos;

/// <summary>
/// One photo of a pupil and its review. The bytes live in <see cref="PhotoContent"/> so that lists of photos stay
/// light; both are in the database, so every node serves every photo.
/// </summary>
public sealed class PupilPhoto
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid PupilId { get; init; }
    public PhotoState State { get; set; }
    public PhotoSource Source { get; init; }
    public Guid? UploadedById { get; init; }
    public required string UploadedByName { get; init; }
    public DateTime UploadedAt { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>SHA-256 of the normalized JPEG, lower-case hex: a rerun of a bulk load does not add the same photo twice.</summary>
    public required string ContentHash { get; init; }
    public Guid? ReviewedById { get; set; }
    public string? ReviewedByName { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? RejectionReason { get; set; }
}

public sealed class PhotoContent
{
    public Guid PhotoId { get; init; }
    /// <summary>The re-encoded original: metadata stripped, orientation applied.</summary>
    public required byte[] Jpeg { get; init; }
    /// <summary>The small portrait the credential carries.</summary>
    public required byte[] PortraitJpeg { get; init; }
}

public enum PhotoState
{
    Pending,
    Accepted,
    Rejected,
    /// <summary>Replaced by a newer photo before or after review.</summary>
    Superseded,
}

public enum PhotoSource
{
    Guardian,
    Staff,
    BulkImport,
}
