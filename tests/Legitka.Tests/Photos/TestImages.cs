using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Tests.Photos;

/// <summary>Photos made in code: a plain portrait, one with GPS and a rotation in EXIF, and damaged variants.</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width, int height, Action<Image<Rgb24>>? decorate = null, int quality = 90)
    {
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    // A face-ish gradient with some texture, so JPEG sizes are realistic.
                    row[x] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x ^ y) & 0xFF));
                }
            }
        });
        decorate?.Invoke(image);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality });
        return output.ToArray();
    }

    /// <summary>A phone photo held upright but stored sideways (orientation 6) with GPS coordinates and a comment-like tag.</summary>
    public static byte[] SidewaysWithGps(int uprightWidth, int uprightHeight) => Jpeg(uprightHeight, uprightWidth, image =>
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(13, 1), new Rational(56, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(21, 1), new Rational(0, 1), new Rational(30, 1)]);
        exif.SetValue(ExifTag.Make, "LegitkaPhone");
        image.Metadata.ExifProfile = exif;
    });

    public static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    /// <summary>Only headers: SOI, a frame header with the given size and components, EOI. Enough for what is judged before decoding.</summary>
    public static byte[] HeaderOnly(int width, int height, int components, byte sofMarker = 0xC0)
    {
        var sof = new List<byte> { 0xFF, sofMarker, 0, (byte)(8 + 3 * components), 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        for (var c = 1; c <= components; c++)
        {
            sof.AddRange([(byte)c, 0x11, 0]);
        }

        return [0xFF, 0xD8, .. sof, 0xFF, 0xD9];
    }
}
