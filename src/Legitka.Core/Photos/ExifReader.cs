using System.Buffers.Binary;

namespace Legitka.Photos;

/// <summary>
/// The two things we need from EXIF: the orientation (IFD0 tag 0x0112) and whether a GPS block (IFD0 tag 0x8825)
/// is present. The TIFF structure is attacker-controlled, so every offset is checked against the segment.
/// </summary>
internal static class ExifReader
{
    private const ushort OrientationTag = 0x0112;
    private const ushort GpsIfdTag = 0x8825;

    /// <param name="tiff">The APP1 payload after "Exif\0\0": a TIFF header and its IFDs.</param>
    public static (int? Orientation, bool HasGps) Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return (null, false);
        }

        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return (null, false);
        }

        var ifd = U32(tiff[4..], little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
        {
            return (null, false);
        }

        int? orientation = null;
        var hasGps = false;
        var count = U16(tiff[(int)ifd..], little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            if (entry > tiff.Length - 12)
            {
                break; // a cut directory: keep what was read
            }

            var tag = U16(tiff[entry..], little);
            if (tag == OrientationTag)
            {
                // SHORT, count 1: the value sits in the first two bytes of the value field.
                var value = U16(tiff[(entry + 8)..], little);
                orientation = value is >= 1 and <= 8 ? value : null;
            }
            else if (tag == GpsIfdTag)
            {
                hasGps = true;
            }
        }

        return (orientation, hasGps);
    }

    private static ushort U16(ReadOnlySpan<byte> s, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);

    private static uint U32(ReadOnlySpan<byte> s, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
}
