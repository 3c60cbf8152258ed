using System.Buffers.Binary;

namespace Legitka.Photos;

/// <summary>
/// What a JPEG's headers say, read without decoding a pixel: so that a decompression bomb, a CMYK print file or a
/// PNG renamed to .jpg is refused for the price of a few hundred bytes. Every read is bounds-checked.
/// </summary>
public sealed record JpegHeader(int Width, int Height, int Components, bool Progressive, int Orientation, bool EndsWithEoi)
{
    /// <summary>EXIF orientations 5–8 turn the picture by 90°: width and height swap once it is shown upright.</summary>
    public (int Width, int Height) Upright => Orientation is >= 5 and <= 8 ? (Height, Width) : (Width, Height);

    public static JpegHeader? TryRead(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return null;
        }

        var orientation = 1;
        var position = 2;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (length < 2 || position + 2 + length > data.Length)
            {
                return null;
            }

            var segment = data.Slice(position + 4, length - 2);
            if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8))
            {
                orientation = ExifOrientation(segment[6..]) ?? orientation;
            }
            else if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                if (segment.Length < 6)
                {
                    return null;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                var progressive = marker is 0xC2 or 0xC6 or 0xCA or 0xCE;
                return new JpegHeader(width, height, segment[5], progressive, orientation, HasEoi(data));
            }
            else if (marker == 0xDA)
            {
                return null; // image data before any frame header
            }

            position += 2 + length;
        }

        return null;
    }

    /// <summary>A complete JPEG ends with the EOI marker (some cameras pad with zeros after it).</summary>
    private static bool HasEoi(ReadOnlySpan<byte> data)
    {
        var end = data.Length;
        while (end > 2 && data[end - 1] == 0x00)
        {
            end--;
        }

        return end >= 2 && data[end - 2] == 0xFF && data[end - 1] == 0xD9;
    }

    /// <summary>Tag 0x0112 of IFD0 in a TIFF structure, either byte order.</summary>
    private static int? ExifOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        var little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M'))
        {
            return null;
        }

        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        var ifd = U32(tiff[4..]);
        if (ifd > tiff.Length - 2)
        {
            return null;
        }

        var count = U16(tiff[(int)ifd..]);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + i * 12;
            if (entry + 12 > tiff.Length)
            {
                return null;
            }

            if (U16(tiff[entry..]) == 0x0112)
            {
                var value = U16(tiff[(entry + 8)..]);
                return value is >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }
}
