using System.Buffers.Text;
using System.Globalization;
using System.Text;
using QRCoder;

namespace Legitka.Codes.Slips;

/// <summary>
/// A QR code as PDF path operators, one filled path of rectangles in module units (y down), so that a page can
/// place it with a single <c>cm</c>: vector, crisp at any printer resolution, no image to encode, and no seams
/// between modules because the whole symbol is one fill.
/// </summary>
internal sealed class SlipQr
{
    /// <summary>The quiet zone on each side, in modules, as the QR standard asks; QRCoder includes it in the matrix.</summary>
    public const int QuietZone = 4;

    private SlipQr(int size, byte[] path)
    {
        Size = size;
        Path = path;
    }

    /// <summary>Modules per side, quiet zone included.</summary>
    public int Size { get; }

    /// <summary><c>x y w h re</c> operators for the dark modules, without the closing fill.</summary>
    public byte[] Path { get; }

    /// <summary>ECC level M: survives a crease or a smudge, still a small symbol for a ~130-character offer URI.</summary>
    public static SlipQr Encode(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        if (size != 4 * data.Version + 17 + 2 * QuietZone)
        {
            throw new InvalidOperationException($"QRCoder gave a {size}-module matrix for version {data.Version}; expected the quiet zone included.");
        }

        // Horizontal runs of dark modules; a run repeated in the next row grows the rectangle downwards.
        var rects = new List<(int X, int Y, int Width, int Height)>(size * 8);
        var open = new Dictionary<(int Start, int Length), int>();
        var next = new Dictionary<(int Start, int Length), int>();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            next.Clear();
            for (var x = 0; x < size;)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < size && row[x])
                {
                    x++;
                }

                var key = (start, x - start);
                if (open.TryGetValue(key, out var index))
                {
                    rects[index] = rects[index] with { Height = rects[index].Height + 1 };
                }
                else
                {
                    index = rects.Count;
                    rects.Add((start, y, x - start, 1));
                }

                next[key] = index;
            }

            (open, next) = (next, open);
        }

        var path = new byte[rects.Count * 16];
        var length = 0;
        foreach (var (x, y, width, height) in rects)
        {
            if (path.Length - length < 32)
            {
                Array.Resize(ref path, path.Length * 2);
            }

            length += Write(path.AsSpan(length), x, ' ');
            length += Write(path.AsSpan(length), y, ' ');
            length += Write(path.AsSpan(length), width, ' ');
            length += Write(path.AsSpan(length), height, ' ');
            "re\n"u8.CopyTo(path.AsSpan(length));
            length += 3;
        }

        return new SlipQr(size, path[..length]);
    }

    /// <summary>
    /// Appends the operators that fill this symbol into a square of <paramref name="sidePt"/> points whose top-left
    /// corner is at (<paramref name="leftPt"/>, <paramref name="topPt"/>) in PDF page space (origin bottom-left).
    /// </summary>
    public void AppendTo(MemoryStream content, double leftPt, double topPt, double sidePt)
    {
        var module = sidePt / Size;
        var header = string.Create(CultureInfo.InvariantCulture, $"q 0 g {module:0.#####} 0 0 {-module:0.#####} {leftPt:0.###} {topPt:0.###} cm\n");
        content.Write(Encoding.ASCII.GetBytes(header));
        content.Write(Path);
        content.Write("f Q\n"u8);
    }

    private static int Write(Span<byte> destination, int value, char separator)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        destination[written] = (byte)separator;
        return written + 1;
    }
}
