using System.Diagnostics.CodeAnalysis;
using SixLabors.ImageSharp;

namespace Legitka.Photos;

/// <summary>
/// The photo pipeline the portal and the bulk import call: <see cref="PhotoValidator"/> judges the upload from its
/// headers; only then is it decoded, scaled down to fit 1200×1600, turned upright, re-encoded without metadata, and
/// given a credential portrait.
/// Pure and thread-safe: no database, no clock.
/// </summary>
public static class PhotoNormalizer
{
    public const int PortraitWidth = PortraitRenderer.Width;
    public const int PortraitHeight = PortraitRenderer.Height;
    public const int PortraitMaxBytes = PortraitRenderer.MaxBytes;

    public static PhotoCheck Check(ReadOnlySpan<byte> data, PhotoRules rules)
    {
        var validation = PhotoValidator.Validate(data, rules);
        if (validation.Header is not { } header)
        {
            return new PhotoCheck(null, validation.Refusal);
        }

        try
        {
            using var image = PhotoRenderer.Decode(data, header.Orientation);
            var jpeg = PhotoRenderer.Encode(image);
            var (portrait, quality) = PortraitRenderer.Render(image);
            var (uploadedWidth, uploadedHeight) = header.Upright;
            return new PhotoCheck(new NormalizedPhoto(jpeg, portrait, image.Width, image.Height, uploadedWidth, uploadedHeight, quality,
                header.Progressive, header.Orientation != 1, header.Metadata), null);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException)
        {
            // Headers that read well over entropy-coded data that does not: the decoder is the judge of the latter.
            return new PhotoCheck(null, PhotoRefusals.Corrupt());
        }
    }
}

/// <summary>The outcome of <see cref="PhotoNormalizer.Check"/>: a normalized photo, or why it was refused.</summary>
public sealed record PhotoCheck(NormalizedPhoto? Photo, PhotoRefusal? Refusal)
{
    [MemberNotNullWhen(true, nameof(Photo))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Accepted => Photo is not null;
}
