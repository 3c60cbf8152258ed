using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Tests.Photos;

/// <summary>Photos made in code: plain portraits, sideways ones with GPS in EXIF, and hand-made headers.</summary>
internal static class TestImages
{
    public static readonly Rgb24 Marker = new(220, 20, 20);

    /// <summary>A gradient with a red square in the top-left corner, so that a test can tell which way is up.</summary>
    public static Image<Rgb24> Upright(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = x < width / 4 && y < height / 4
                        ? Marker
                        : new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x ^ y) & 0xFF));
                }
            }
        });
        return image;
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var image = Upright(width, height);
        return Encode(image);
    }

    /// <summary>
    /// A phone photo that shows upright as <paramref name="width"/>×<paramref name="height"/> but stores its pixels
    /// turned, with the EXIF orientation that undoes it, GPS coordinates and the phone's make.
    /// </summary>
    public static byte[] Stored(int width, int height, ushort orientation)
    {
        using var upright = Upright(width, height);
        var turned = orientation >= 5;
        using var image = new Image<Rgb24>(turned ? height : width, turned ? width : height);
        // Straight from the EXIF definitions (e.g. 6: "the 0th row is the visual right-hand side, the 0th column the
        // visual top"), pixel by pixel, so that the test does not share the normalizer's idea of a rotation.
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = orientation switch
                {
                    2 => upright[width - 1 - x, y],
                    3 => upright[width - 1 - x, height - 1 - y],
                    4 => upright[x, height - 1 - y],
                    5 => upright[y, x],
                    6 => upright[width - 1 - y, x],
                    7 => upright[width - 1 - y, height - 1 - x],
                    8 => upright[y, height - 1 - x],
                    _ => upright[x, y],
                };
            }
        }

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, orientation);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(13, 1), new Rational(56, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(21, 1), new Rational(0, 1), new Rational(30, 1)]);
        exif.SetValue(ExifTag.Make, "LegitkaPhone");
        image.Metadata.ExifProfile = exif;
        return Encode(image);
    }

    /// <summary>The usual phone case: held upright, stored turned (orientation 6), with GPS.</summary>
    public static byte[] SidewaysWithGps(int uprightWidth, int uprightHeight) => Stored(uprightWidth, uprightHeight, 6);

    public static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    /// <summary>
    /// Only headers: SOI, the given segments, a frame header, a scan header, two bytes of "image data", EOI. Enough
    /// for everything judged before decoding, including variants no encoder here writes (CMYK, lossless, bombs).
    /// </summary>
    public static byte[] HeaderOnly(int width, int height, int components = 3, byte sofMarker = 0xC0, byte precision = 8,
        params byte[][] segments)
    {
        var sof = new List<byte> { 0xFF, sofMarker, 0, (byte)(8 + (3 * components)), precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        var sos = new List<byte> { 0xFF, 0xDA, 0, (byte)(6 + (2 * components)), (byte)components };
        for (var c = 1; c <= components; c++)
        {
            sof.AddRange([(byte)c, 0x11, 0]);
            sos.AddRange([(byte)c, 0]);
        }

        sos.AddRange([0, 63, 0]);
        return [0xFF, 0xD8, .. segments.SelectMany(s => s), .. sof, .. sos, 0x12, 0x34, 0xFF, 0xD9];
    }

    /// <summary>An APP1 EXIF segment with IFD0 holding the orientation and a GPS pointer, in either byte order.</summary>
    public static byte[] ExifSegment(ushort orientation, bool bigEndian, bool gps = false)
    {
        var entries = gps ? 2 : 1;
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(bigEndian ? [(byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8)]);
        void U32(int v) => tiff.AddRange(bigEndian
            ? [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]
            : [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);
        tiff.AddRange(bigEndian ? "MM"u8.ToArray() : "II"u8.ToArray());
        U16(42);
        U32(8);
        U16(entries);
        U16(0x0112); // orientation: SHORT, count 1, value in the first two bytes of the field
        U16(3);
        U32(1);
        U16(orientation);
        U16(0);
        if (gps)
        {
            U16(0x8825); // GPS IFD pointer: LONG; the GPS directory itself is not needed to see that one exists
            U16(4);
            U32(1);
            U32(0);
        }

        U32(0);
        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    /// <summary>Adobe's APP14 with the given colour transform (2 = YCCK).</summary>
    public static byte[] AdobeSegment(byte transform) => Segment(0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, transform]);

    public static byte[] Segment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    private static byte[] Encode(Image<Rgb24> image)
    {
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }
}
