using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Legitka.Photos;

/// <summary>
/// Decodes a validated JPEG, scales it down to what an ID photo needs, turns it upright and writes it again as a
/// baseline JPEG. Writing from pixels is what strips the metadata: nothing of the original file but the picture
/// reaches the output.
/// </summary>
internal static class PhotoRenderer
{
    /// <summary>
    /// The stored photo fits in 1200×1600: 2.4 times the seeds' minimum width, far beyond a review screen, the
    /// 240×300 portrait or a card print (20×25 mm at 300 dpi is 236×295 px). A 12-megapixel upload would otherwise
    /// be stored at ~4 MB in the database and cost a full-size rotation and encode (ADR 0006).
    /// </summary>
    public const int MaxWidth = 1200;
    public const int MaxHeight = 1600;

    /// <summary>
    /// Quality of the stored photo: visually lossless for review, and it keeps a re-encoded 5 MB upload near its
    /// original size rather than inflating it.
    /// </summary>
    private const int Quality = 90;

    /// <summary>Only the JPEG decoder is registered: whatever slipped past the header checks never reaches another one.</summary>
    private static readonly Configuration JpegOnly = new(new JpegConfigurationModule());

    public static Image<Rgb24> Decode(ReadOnlySpan<byte> data, int orientation)
    {
        var image = Image.Load<Rgb24>(JpegOnly, data);
        try
        {
            // Scaled before it is turned, so that the turn moves the small picture: the bound is swapped to match.
            var sideways = orientation is >= 5 and <= 8;
            var (maxWidth, maxHeight) = sideways ? (MaxHeight, MaxWidth) : (MaxWidth, MaxHeight);
            if (image.Width > maxWidth || image.Height > maxHeight)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(maxWidth, maxHeight), Mode = ResizeMode.Max }));
            }

            Orient(image, orientation);
            // The pixels carry on alone: profiles are dropped so that no encoder can write them back. ICC profiles are
            // not converted (ImageSharp 2 cannot); the pixels are taken as sRGB, which phones and cameras write.
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.IccProfile = null;
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public static byte[] Encode(Image<Rgb24> image, int quality = Quality)
    {
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        return output.ToArray();
    }

    /// <summary>EXIF orientation 1–8: the turn (and mirror) that shows the stored pixels the way the camera was held.</summary>
    private static void Orient(Image<Rgb24> image, int orientation)
    {
        var (rotate, flip) = orientation switch
        {
            2 => (RotateMode.None, FlipMode.Horizontal),
            3 => (RotateMode.Rotate180, FlipMode.None),
            4 => (RotateMode.None, FlipMode.Vertical),
            5 => (RotateMode.Rotate90, FlipMode.Horizontal), // transpose
            6 => (RotateMode.Rotate90, FlipMode.None),
            7 => (RotateMode.Rotate270, FlipMode.Horizontal), // transverse
            8 => (RotateMode.Rotate270, FlipMode.None),
            _ => (RotateMode.None, FlipMode.None),
        };
        if (rotate != RotateMode.None || flip != FlipMode.None)
        {
            image.Mutate(x => x.RotateFlip(rotate, flip));
        }
    }
}
