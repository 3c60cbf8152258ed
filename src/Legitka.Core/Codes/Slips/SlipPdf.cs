using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Legitka.Codes.Slips;

/// <summary>
/// Activation slips on A4 for the homeroom teacher to print and cut: eight to a page (two columns, four rows), each
/// with the pupil's name, a QR code of the credential offer and the one-time activation code, in Polish.
/// </summary>
public static class SlipPdf
{
    /// <summary>
    /// The document title, the only metadata Legitka sets. PDFsharp adds its own name as creator and producer, the
    /// creation time and random document IDs; nothing about the school or its pupils goes into the metadata.
    /// </summary>
    public const string Title = "Kody aktywacyjne mLegitymacji";

    /// <summary>Renders <paramref name="sheet"/> as a PDF, slips in the order given.</summary>
    /// <exception cref="ArgumentException">No slips, or a slip without an offer URI or an activation code.</exception>
    public static byte[] Render(SlipSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(sheet.Slips);
        if (sheet.Slips.Count == 0)
        {
            throw new ArgumentException("A slip sheet needs at least one slip.", nameof(sheet));
        }

        for (var i = 0; i < sheet.Slips.Count; i++)
        {
            var slip = sheet.Slips[i] ?? throw new ArgumentException($"Slip {i} is null.", nameof(sheet));
            if (string.IsNullOrWhiteSpace(slip.OfferUri) || string.IsNullOrWhiteSpace(slip.ActivationCode))
            {
                throw new ArgumentException($"Slip {i} has no offer URI or no activation code.", nameof(sheet));
            }
        }

        SlipFonts.EnsureInstalled();
        // Encoding the QR codes is most of the work (QRCoder, under 1 ms a code) and each code stands alone: encode
        // on every core while this thread lays out the text, then add the codes to the finished pages.
        var qrCodes = new SlipQr[sheet.Slips.Count];
        var encoding = Task.Run(() => Parallel.For(0, qrCodes.Length, i => qrCodes[i] = SlipQr.Encode(sheet.Slips[i].OfferUri)));

        using var document = new PdfDocument();
        document.Info.Title = Title;
        var painter = new SlipPainter(sheet.SchoolName, sheet.SchoolAddress, sheet.WalletApp);
        for (var first = 0; first < sheet.Slips.Count; first += SlipLayout.PerPage)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Portrait;
            var count = Math.Min(SlipLayout.PerPage, sheet.Slips.Count - first);
            using var gfx = XGraphics.FromPdfPage(page);
            for (var i = 0; i < count; i++)
            {
                painter.Paint(gfx, SlipLayout.Cell(i), sheet.Slips[first + i]);
            }

            painter.PaintCutLines(gfx, count);
        }

        encoding.GetAwaiter().GetResult();
        for (var p = 0; p < document.PageCount; p++)
        {
            // The QR codes go into a content stream of their own, written directly (see SlipQr).
            var page = document.Pages[p];
            using var codes = new MemoryStream();
            for (int i = 0, slip = p * SlipLayout.PerPage; i < SlipLayout.PerPage && slip < qrCodes.Length; i++, slip++)
            {
                var box = SlipLayout.QrBox(i);
                qrCodes[slip].AppendTo(codes, SlipLayout.Pt(box.X), page.Height.Point - SlipLayout.Pt(box.Y), SlipLayout.Pt(box.Width));
            }

            page.Contents.AppendContent().CreateStream(codes.ToArray());
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
