using System.Security.Cryptography;

namespace Legitka.Photos;

/// <summary>
/// A photo that passed: the upright picture re-encoded as a baseline JPEG without any metadata (scaled down to fit
/// 1200×1600 when larger), the small portrait the credential carries, and what was done to the upload.
/// </summary>
/// <param name="Width">Width of <see cref="Jpeg"/>; <paramref name="UploadedWidth"/> is the upload's, upright.</param>
public sealed record NormalizedPhoto(
    byte[] Jpeg,
    byte[] PortraitJpeg,
    int Width,
    int Height,
    int UploadedWidth,
    int UploadedHeight,
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
