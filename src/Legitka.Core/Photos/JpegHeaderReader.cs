using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Legitka.Photos;

/// <summary>
/// A small marker scanner: SOI, the segments up to the first scan (frame header, EXIF, Adobe APP14, metadata), then
/// a walk over the entropy-coded data to the EOI marker, so that a cut-off file is told apart from a whole one even
/// when a phone appends data after EOI (motion photos). Every read is bounds-checked and every step advances, so any
/// input ends in time linear in its length.
/// </summary>
public static class JpegHeaderReader
{
    public static JpegRead Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return JpegRead.Failed(JpegDefect.NotJpeg);
        }

        var markers = new List<byte>();
        var orientation = 1;
        var sawExif = false;
        int? adobe = null;
        var metadata = PhotoMetadata.None;
        Frame? frame = null;
        var position = 2;
        while (true)
        {
            var (marker, at) = NextMarker(data, position);
            if (marker < 0)
            {
                return JpegRead.Failed(marker == -1 ? JpegDefect.Truncated : JpegDefect.Corrupt);
            }

            if (marker is 0xD8 or 0xD9 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                return JpegRead.Failed(JpegDefect.Corrupt); // no second SOI, no end or restart before the image data
            }

            if (at + 4 > data.Length)
            {
                return JpegRead.Failed(JpegDefect.Truncated);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            if (length < 2)
            {
                return JpegRead.Failed(JpegDefect.Corrupt);
            }

            if (at + 2 + length > data.Length)
            {
                return JpegRead.Failed(JpegDefect.Truncated);
            }

            var segment = data.Slice(at + 4, length - 2);
            position = at + 2 + length;
            if (marker == 0xDA)
            {
                return frame is { } f
                    ? JpegRead.Succeeded(new JpegHeader(f.Marker, f.Precision, f.Width, f.Height, f.Components, orientation, adobe,
                        metadata, markers, EndsWithEoi(data, position)))
                    : JpegRead.Failed(JpegDefect.Corrupt); // image data before any frame header
            }

            markers.Add((byte)marker);
            if (IsFrame(marker))
            {
                if (frame is not null || !TryFrame((byte)marker, segment, out var parsed))
                {
                    return JpegRead.Failed(JpegDefect.Corrupt);
                }

                frame = parsed;
            }
            else if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8))
            {
                metadata |= PhotoMetadata.Exif;
                if (!sawExif)
                {
                    // Only the first EXIF block counts, as in every viewer.
                    sawExif = true;
                    var (found, gps) = ExifReader.Read(segment[6..]);
                    orientation = found ?? 1;
                    metadata |= gps ? PhotoMetadata.Gps : PhotoMetadata.None;
                }
            }
            else if (marker == 0xE1 && segment.StartsWith("http://ns.adobe.com/"u8))
            {
                metadata |= PhotoMetadata.Xmp;
            }
            else if (marker == 0xE2 && segment.StartsWith("ICC_PROFILE\0"u8))
            {
                metadata |= PhotoMetadata.IccProfile;
            }
            else if (marker == 0xED)
            {
                metadata |= PhotoMetadata.Iptc;
            }
            else if (marker == 0xFE)
            {
                metadata |= PhotoMetadata.Comment;
            }
            else if (marker == 0xEE && segment.Length >= 12 && segment.StartsWith("Adobe"u8))
            {
                adobe = segment[11];
            }
        }
    }

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsFrame(int marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    private static bool TryFrame(byte marker, ReadOnlySpan<byte> segment, [NotNullWhen(true)] out Frame? frame)
    {
        frame = null;
        if (segment.Length < 6)
        {
            return false;
        }

        var components = segment[5];
        if (components == 0 || segment.Length < 6 + (3 * components))
        {
            return false;
        }

        frame = new Frame(marker, segment[0], BinaryPrimitives.ReadUInt16BigEndian(segment[3..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[1..]), components);
        return true;
    }

    /// <summary>
    /// The marker at <paramref name="position"/>, after any fill bytes: (marker, its offset), or (-1, _) when the data
    /// ends first, or (-2, _) when there is no marker where one must be.
    /// </summary>
    private static (int Marker, int At) NextMarker(ReadOnlySpan<byte> data, int position)
    {
        if (position >= data.Length)
        {
            return (-1, position);
        }

        if (data[position] != 0xFF)
        {
            return (-2, position);
        }

        var at = position;
        while (at + 1 < data.Length && data[at + 1] == 0xFF)
        {
            at++; // fill bytes before a marker
        }

        return at + 1 < data.Length ? (data[at + 1], at) : (-1, at);
    }

    /// <summary>
    /// Walks the scans from the first SOS: inside entropy-coded data a 0xFF is followed by 0x00 (stuffing), a restart
    /// marker or fill; anything else is a marker. Progressive files have more segments and scans between; the walk
    /// stops at EOI (complete) or at the end of the data (cut off).
    /// </summary>
    private static bool EndsWithEoi(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length)
        {
            var next = data[position..].IndexOf((byte)0xFF);
            if (next < 0 || position + next + 1 >= data.Length)
            {
                return false;
            }

            var at = position + next;
            var marker = data[at + 1];
            if (marker is 0x00 or 0xFF or (>= 0xD0 and <= 0xD7))
            {
                position = at + 1;
                continue;
            }

            if (marker == 0xD9)
            {
                return true;
            }

            // A segment between scans (DHT, DQT, DRI, SOS, ...): skip its declared length.
            if (at + 4 > data.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            if (length < 2)
            {
                return false;
            }

            position = at + 2 + length;
        }

        return false;
    }

    private sealed record Frame(byte Marker, int Precision, int Width, int Height, int Components);
}

/// <summary>Why the headers could not be read.</summary>
public enum JpegDefect
{
    None,
    /// <summary>No JPEG start-of-image marker at the beginning.</summary>
    NotJpeg,
    /// <summary>The file ends inside the headers.</summary>
    Truncated,
    /// <summary>The headers are inconsistent: a missing marker, a bad length, image data before a frame header.</summary>
    Corrupt,
}

public sealed record JpegRead(JpegHeader? Header, JpegDefect Defect)
{
    [MemberNotNullWhen(true, nameof(Header))]
    public bool Ok => Header is not null;

    internal static JpegRead Succeeded(JpegHeader header) => new(header, JpegDefect.None);

    internal static JpegRead Failed(JpegDefect defect) => new(null, defect);
}
