using System.Diagnostics;
using System.Globalization;
using System.Text;
using QRCoder;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Legitka.Wallet.Tests;

/// <summary>
/// Images of activation slips as a pupil's family would feed them to the wallet: one QR code as QRCoder draws it,
/// and A4 pages of eight slips in the slips' layout (2 columns × 4 rows, a 42 mm QR square 21.25 mm below the top of
/// each 95 × 69.25 mm cell, 10 mm margins), either painted directly at 150 dpi or written as a vector PDF and
/// rendered by <c>pdftoppm -r 150</c>, as the real slips are.
/// </summary>
internal static class SlipImages
{
    private const double PageWidthMm = 210, PageHeightMm = 297, MarginMm = 10, CellWidthMm = 95, CellHeightMm = 69.25;
    private const double PaddingMm = 4, QrTopMm = 21.25, QrSideMm = 42;
    private const int Dpi = 150;

    public static byte[] SingleQrPng(string text, int pixelsPerModule = 6)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule, [0, 0, 0], [255, 255, 255]);
    }

    /// <summary>An A4 page at 150 dpi with up to eight QR codes, modules sampled at their fractional size and slightly blurred.</summary>
    public static Image<Rgb24> PaintedPage(IReadOnlyList<string> texts)
    {
        var page = new Image<Rgb24>(Px(PageWidthMm), Px(PageHeightMm), new Rgb24(255, 255, 255));
        for (int i = 0; i < texts.Count; i++)
        {
            var (x, y) = QrOrigin(i);
            using var data = QRCodeGenerator.GenerateQrCode(texts[i], QRCodeGenerator.ECCLevel.M);
            var matrix = data.ModuleMatrix;
            int n = matrix.Count, left = Px(x), top = Px(y), side = Px(QrSideMm);
            for (int py = 0; py < side; py++)
            {
                for (int px = 0; px < side; px++)
                {
                    if (matrix[py * n / side][px * n / side])
                    {
                        page[left + px, top + py] = new Rgb24(0, 0, 0);
                    }
                }
            }
        }

        page.Mutate(c => c.GaussianBlur(0.7f));
        return page;
    }

    /// <summary>Writes the page as a one-page vector PDF (modules as filled rectangles, cut lines stroked) and renders it with pdftoppm; null if pdftoppm is missing.</summary>
    public static string? RenderedPage(IReadOnlyList<string> texts, string directory)
    {
        var content = new StringBuilder();
        content.Append("0.6 g 0.3 w\n");
        for (int i = 1; i < 2; i++)
        {
            Line(content, MarginMm + i * CellWidthMm, MarginMm, MarginMm + i * CellWidthMm, PageHeightMm - MarginMm);
        }

        for (int i = 1; i < 4; i++)
        {
            Line(content, MarginMm, MarginMm + i * CellHeightMm, PageWidthMm - MarginMm, MarginMm + i * CellHeightMm);
        }

        content.Append("0 g\n");
        for (int i = 0; i < texts.Count; i++)
        {
            var (x, y) = QrOrigin(i);
            using var data = QRCodeGenerator.GenerateQrCode(texts[i], QRCodeGenerator.ECCLevel.M);
            var matrix = data.ModuleMatrix;
            double module = Pt(QrSideMm) / matrix.Count;
            for (int row = 0; row < matrix.Count; row++)
            {
                for (int column = 0; column < matrix.Count; column++)
                {
                    if (matrix[row][column])
                    {
                        double left = Pt(x) + column * module, bottom = Pt(PageHeightMm - y) - (row + 1) * module;
                        content.Append(CultureInfo.InvariantCulture, $"{left:0.###} {bottom:0.###} {module:0.###} {module:0.###} re\n");
                    }
                }
            }

            content.Append("f\n");
        }

        string pdf = Path.Combine(directory, "slips.pdf");
        File.WriteAllBytes(pdf, Pdf(content.ToString()));
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "150", "-png", "-singlefile", pdf, Path.Combine(directory, "slips")])
            {
                RedirectStandardError = true,
            })!;
            process.WaitForExit(60_000);
            return process.ExitCode == 0 ? Path.Combine(directory, "slips.png") : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static (double X, double Y) QrOrigin(int index) =>
        (MarginMm + index % 2 * CellWidthMm + PaddingMm, MarginMm + index / 2 * CellHeightMm + QrTopMm);

    private static int Px(double mm) => (int)Math.Round(mm * Dpi / 25.4);

    private static double Pt(double mm) => mm * 72 / 25.4;

    private static void Line(StringBuilder content, double x1, double y1, double x2, double y2) =>
        content.Append(CultureInfo.InvariantCulture, $"{Pt(x1):0.##} {Pt(PageHeightMm - y1):0.##} m {Pt(x2):0.##} {Pt(PageHeightMm - y2):0.##} l S\n");

    private static byte[] Pdf(string content)
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Pt(PageWidthMm):0.##} {Pt(PageHeightMm):0.##}] /Contents 4 0 R >>"),
            $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}endstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
