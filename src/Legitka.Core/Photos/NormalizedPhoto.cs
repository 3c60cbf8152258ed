using System.Security.Cryptography;

namespace Legitka.Photos;

/// <summary>
/// A photo that passed: the upright picture re-encoded as a baseline JPEG without any metadata, the small portrait
/// the credential carries, and what was done to the upload (for the uploader and the audit).
/// </summary>
public sealed record NormalizedPhoto(
    byte[] Jpeg,
    byte[] PortraitJpeg,
    int Width,
    int Height,
    int PortraitQuality,
    bool WasProgressive,
    bool WasRotated,
    PhotoMetadata RemovedMetadata)
{
    /// <summary>SHA-256 of the normalized JPEG, lower-case hex: the same upload gives the same hash (reruns of a bulk load).</summary>
    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Jpeg));

    /// <summary>What the uploader should be told was changed, in the portal's words.</summary>
    public IReadOnlyList<PhotoNotice> Notices => PhotoNotices.For(this);
}
