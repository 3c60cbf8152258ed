using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Legitka.Photos;

/// <summary>
/// The small portrait the credential carries: 240×300 (4:5, cropped from the centre of the 35:45 photo), at most
/// 20 KB because it travels inside every credential, refresh and presentation to a verifier.
/// </summary>
internal static class PortraitRenderer
{
    public const int Width = 240;
    public const int Height = 300;
    public const int MaxBytes = 20 * 1024;

    private const int FirstQuality = 90;
    private const int QualityStep = 5;
    private const int LowestQuality = 5;

    /// <summary>The portrait and the JPEG quality it needed to fit.</summary>
    public static (byte[] Jpeg, int Quality) Render(Image<Rgb24> upright)
    {
        using var portrait = upright.Clone(x => x.Resize(new ResizeOptions
        {
            Size = new Size(Width, Height),
            Mode = ResizeMode.Crop,
            Position = AnchorPositionMode.Center,
            Sampler = KnownResamplers.Bicubic,
        }));
        for (var quality = FirstQuality; quality >= LowestQuality; quality -= QualityStep)
        {
            var jpeg = PhotoRenderer.Encode(portrait, quality);
            if (jpeg.Length <= MaxBytes)
            {
                return (jpeg, quality);
            }
        }

        // 72,000 pixels at quality 5 take a few kilobytes whatever they show; reaching this line is a bug.
        throw new InvalidOperationException($"A {Width}×{Height} portrait did not fit in {MaxBytes} bytes even at quality {LowestQuality}.");
    }
}
