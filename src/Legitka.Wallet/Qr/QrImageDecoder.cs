using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;
using ZXing.QrCode;

namespace Legitka.Wallet.Qr;

/// <summary>A QR code found in an image: its text and the centre of its finder patterns, in pixels.</summary>
public sealed record DecodedQr(string Text, float X, float Y);

/// <summary>
/// Reads every QR code in a PNG or JPEG: a photo of one slip, or a whole A4 page of eight slips rendered from the
/// PDF (150 dpi by <c>pdftoppm</c>). The whole image is read with ZXing's multi reader, then in overlapping tiles
/// (half the shorter side, stepped by a quarter) so that codes the multi reader misses among many finder patterns
/// are still found. Results are deduplicated by text and returned in reading order: row by row, left to right.
/// </summary>
public static class QrImageDecoder
{
    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
        [DecodeHintType.TRY_HARDER] = true,
        [DecodeHintType.CHARACTER_SET] = "UTF-8",
    };

    public static IReadOnlyList<DecodedQr> Decode(string path)
    {
        using var stream = File.OpenRead(path);
        return Decode(stream);
    }

    /// <exception cref="UnknownImageFormatException">Not an image ImageSharp can read.</exception>
    public static IReadOnlyList<DecodedQr> Decode(Stream image)
    {
        using var picture = Image.Load<Rgb24>(image);
        picture.Mutate(x => x.AutoOrient());
        int width = picture.Width, height = picture.Height;
        var rgb = new byte[width * height * 3];
        picture.CopyPixelDataTo(rgb);
        return Decode(rgb, width, height);
    }

    /// <summary>Decodes raw RGB24 pixels (3 bytes per pixel, rows top to bottom).</summary>
    public static IReadOnlyList<DecodedQr> Decode(byte[] rgb, int width, int height)
    {
        var luminance = new RGBLuminanceSource(rgb, width, height, RGBLuminanceSource.BitmapFormat.RGB24);
        var found = new Dictionary<string, DecodedQr>(StringComparer.Ordinal);

        Collect(new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(luminance)), Hints), 0, 0, found);

        int tile = Math.Min(width, height) / 2;
        if (tile >= 64)
        {
            var reader = new QRCodeReader();
            int step = Math.Max(tile / 2, 32);
            foreach (int top in Offsets(height, tile, step))
            {
                foreach (int left in Offsets(width, tile, step))
                {
                    var crop = luminance.crop(left, top, Math.Min(tile, width - left), Math.Min(tile, height - top));
                    var bitmap = new BinaryBitmap(new HybridBinarizer(crop));
                    Collect(reader.decode(bitmap, Hints), left, top, found);
                    reader.reset();
                }
            }
        }

        return ReadingOrder(found.Values, height);
    }

    private static IEnumerable<int> Offsets(int length, int tile, int step)
    {
        int last = Math.Max(0, length - tile);
        for (int offset = 0; offset < last; offset += step)
        {
            yield return offset;
        }

        yield return last;
    }

    private static void Collect(Result[]? results, int left, int top, Dictionary<string, DecodedQr> found)
    {
        if (results is null)
        {
            return;
        }

        foreach (var result in results)
        {
            Collect(result, left, top, found);
        }
    }

    private static void Collect(Result? result, int left, int top, Dictionary<string, DecodedQr> found)
    {
        if (result?.Text is not { Length: > 0 } text || found.ContainsKey(text))
        {
            return;
        }

        var points = result.ResultPoints?.Where(p => p is not null).ToArray() ?? [];
        float x = points.Length == 0 ? left : left + points.Average(p => p.X);
        float y = points.Length == 0 ? top : top + points.Average(p => p.Y);
        found[text] = new DecodedQr(text, x, y);
    }

    /// <summary>Rows first (codes whose centres are within 5% of the image height share a row), then left to right.</summary>
    private static List<DecodedQr> ReadingOrder(IEnumerable<DecodedQr> codes, int height)
    {
        float band = Math.Max(20, height * 0.05f);
        var byY = codes.OrderBy(c => c.Y).ToList();
        var ordered = new List<DecodedQr>(byY.Count);
        int start = 0;
        while (start < byY.Count)
        {
            int end = start + 1;
            while (end < byY.Count && byY[end].Y - byY[start].Y <= band)
            {
                end++;
            }

            ordered.AddRange(byY.GetRange(start, end - start).OrderBy(c => c.X));
            start = end;
        }

        return ordered;
    }
}
