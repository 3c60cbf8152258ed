using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;

namespace Legitka.Tests.Infrastructure;

/// <summary>Reads QR codes back from a PDF the way a phone reads them from paper: from pixels, with an independent decoder.</summary>
internal static class PdfQr
{
    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.TRY_HARDER] = true,
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
    };

    /// <summary>
    /// Every QR code in <paramref name="pdf"/>, rendered by <c>pdftoppm</c> at <paramref name="dpi"/>: page by page,
    /// and on each page in reading order (rows top to bottom, left to right within a row).
    /// </summary>
    public static IReadOnlyList<string> DecodeQrCodes(byte[] pdf, int dpi = 150)
    {
        var (directory, pages) = Poppler.RenderPages(pdf, dpi);
        try
        {
            return [.. pages.SelectMany(DecodePage)];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The QR codes in one image file (PNG or any format ImageSharp reads), in reading order.</summary>
    public static IReadOnlyList<string> DecodePage(string imagePath)
    {
        using var image = Image.Load<Rgb24>(imagePath);
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        var source = new RGBLuminanceSource(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGB24);
        var results = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), Hints) ?? [];

        // Reading order: codes whose centres lie within half a code's height of each other share a row.
        var found = results
            .Select(result => (result.Text, X: result.ResultPoints.Average(p => p.X), Y: result.ResultPoints.Average(p => p.Y),
                Height: result.ResultPoints.Max(p => p.Y) - result.ResultPoints.Min(p => p.Y)))
            .OrderBy(code => code.Y)
            .ToList();
        var rows = new List<List<(string Text, float X, float Y, float Height)>>();
        foreach (var code in found)
        {
            if (rows.Count > 0 && code.Y - rows[^1][0].Y < Math.Max(code.Height, 10) / 2)
            {
                rows[^1].Add(code);
            }
            else
            {
                rows.Add([code]);
            }
        }

        return [.. rows.SelectMany(row => row.OrderBy(code => code.X)).Select(code => code.Text)];
    }
}
