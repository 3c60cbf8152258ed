using System.Globalization;
using System.Text;
using Legitka.Registry;
using PdfSharp.Drawing;

namespace Legitka.Codes.Slips;

/// <summary>Draws slips; holds the fonts and the activation steps, laid out once per document.</summary>
internal sealed class SlipPainter(string schoolName, string schoolAddress, string? walletApp = null)
{
    private const string Ellipsis = "…";

    internal static string[] StepsFor(string? walletApp) =>
    [
        string.IsNullOrWhiteSpace(walletApp) ? "Zainstaluj aplikację portfela wskazaną przez szkołę." : $"Zainstaluj aplikację portfela „{Clean(walletApp).Trim(Quotes)}”.",
        "Zeskanuj w niej ten kod QR.",
        "Wpisz kod aktywacyjny, gdy aplikacja o niego poprosi.",
        "Kod jest jednorazowy; nie pokazuj go nikomu.",
    ];

    private readonly string[] _stepTexts = StepsFor(walletApp);

    /// <summary>Quotes a secretary may type around the name; the slip adds its own.</summary>
    private static readonly char[] Quotes = ['"', '\'', '„', '”', '“', '»', '«'];

    private readonly string _schoolName = Clean(schoolName);
    private readonly string _schoolAddress = Clean(schoolAddress);
    private readonly XPen _cutPen = new(XColor.FromGrayScale(0.55), 0.5) { DashStyle = XDashStyle.Dash };
    private readonly Dictionary<(double Size, bool Bold), XFont> _fonts = [];
    private StepsBlock? _steps;

    public void Paint(XGraphics gfx, XRect cellMm, Slip slip)
    {
        var left = cellMm.X + SlipLayout.Padding;
        var width = cellMm.Width - 2 * SlipLayout.Padding;
        var y = cellMm.Y + SlipLayout.Padding;

        Line(gfx, _schoolName, bold: true, 7.5, 6, left, ref y, width, 3.2);
        Line(gfx, _schoolAddress, bold: false, 6.5, 5.5, left, ref y, width, 3.0);
        y += 0.6;
        Line(gfx, Clean(slip.PupilName), bold: true, 14, 8, left, ref y, width, 6.0);
        var cardNumber = Clean(slip.CardNumber);
        Line(gfx, ClassLabel(slip.ClassName) + (cardNumber.Length > 0 ? ", legitymacja nr " + cardNumber : ""), bold: false, 9, 7, left, ref y, width, 3.8);

        var qrTop = cellMm.Y + SlipLayout.QrTop;
        var textLeft = left + SlipLayout.QrSide + 3;
        var textWidth = cellMm.Right - SlipLayout.Padding - textLeft;
        var bottom = cellMm.Bottom - SlipLayout.Padding;
        y = qrTop + 2.5;
        Line(gfx, "Kod aktywacyjny:", bold: false, 7, 6, textLeft, ref y, textWidth, 3.2);
        Line(gfx, GroupCode(slip.ActivationCode), bold: true, 18, 10, textLeft, ref y, textWidth, 7.5, whole: true);
        Line(gfx, "Ważny do: " + WarsawCalendar.LastDay(slip.ExpiresAt.UtcDateTime), bold: true, 8, 6.5, textLeft, ref y, textWidth, 3.8);
        y += 1.5;

        _steps ??= LayOutSteps(gfx, textWidth, bottom - y);
        foreach (var line in _steps.Lines)
        {
            var font = Font(_steps.Size, line.Bold);
            gfx.DrawString(line.Text, font, XBrushes.Black,
                new XRect(SlipLayout.Pt(textLeft + line.Indent), SlipLayout.Pt(y), SlipLayout.Pt(textWidth - line.Indent), SlipLayout.Pt(_steps.LineHeight)),
                XStringFormats.CenterLeft);
            if (line.Number is { } number)
            {
                gfx.DrawString(number, font, XBrushes.Black,
                    new XRect(SlipLayout.Pt(textLeft), SlipLayout.Pt(y), SlipLayout.Pt(line.Indent), SlipLayout.Pt(_steps.LineHeight)),
                    XStringFormats.CenterLeft);
            }

            y += line.EndsParagraph ? _steps.LineHeight * 1.15 : _steps.LineHeight;
        }
    }

    /// <summary>Dashed lines around every used cell, each drawn once and in one direction, so the dashes line up.</summary>
    public void PaintCutLines(XGraphics gfx, int used)
    {
        static bool Used(int column, int row, int used) =>
            column is >= 0 and < SlipLayout.Columns && row >= 0 && row * SlipLayout.Columns + column < used;

        for (var i = 0; i < used; i++)
        {
            var (column, row) = (i % SlipLayout.Columns, i / SlipLayout.Columns);
            var cell = SlipLayout.Cell(i);
            HorizontalCut(gfx, cell.Left, cell.Right, cell.Top);
            VerticalCut(gfx, cell.Left, cell.Top, cell.Bottom);
            if (!Used(column + 1, row, used))
            {
                VerticalCut(gfx, cell.Right, cell.Top, cell.Bottom);
            }

            if (!Used(column, row + 1, used))
            {
                HorizontalCut(gfx, cell.Left, cell.Right, cell.Bottom);
            }
        }
    }

    /// <summary>"48210937" as "4821 0937": spaces and hyphens dropped, then groups of four from the left, whatever the length.</summary>
    internal static string GroupCode(string code)
    {
        var compact = string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-'));
        var grouped = new StringBuilder(compact.Length + compact.Length / 4);
        for (var i = 0; i < compact.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                grouped.Append(' ');
            }

            grouped.Append(compact[i]);
        }

        return grouped.ToString();
    }

    internal static string ClassLabel(string className)
    {
        var name = Clean(className);
        return name.StartsWith("klasa", StringComparison.OrdinalIgnoreCase) || name.Length == 0 ? name : "Klasa " + name;
    }

    /// <summary>One line of text in NFC (the font has the precomposed Polish letters), whitespace collapsed.</summary>
    internal static string Clean(string? text) =>
        string.Join(' ', (text ?? "").Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private void HorizontalCut(XGraphics gfx, double x1, double x2, double y) =>
        gfx.DrawLine(_cutPen, SlipLayout.Pt(x1), SlipLayout.Pt(y), SlipLayout.Pt(x2), SlipLayout.Pt(y));

    private void VerticalCut(XGraphics gfx, double x, double y1, double y2) =>
        gfx.DrawLine(_cutPen, SlipLayout.Pt(x), SlipLayout.Pt(y1), SlipLayout.Pt(x), SlipLayout.Pt(y2));

    /// <summary>
    /// One line in a box <paramref name="heightMm"/> high: the largest size from <paramref name="maxSize"/> down to
    /// <paramref name="minSize"/> (half points) that fits the width, else the smallest one cut short with an ellipsis,
    /// or, when the text must be shown whole (an activation code), whatever smaller size fits.
    /// </summary>
    private void Line(XGraphics gfx, string text, bool bold, double maxSize, double minSize, double leftMm, ref double yMm, double widthMm, double heightMm, bool whole = false)
    {
        var width = SlipLayout.Pt(widthMm);
        var size = maxSize;
        var font = Font(size, bold);
        var textWidth = gfx.MeasureString(text, font).Width;
        while (textWidth > width && (size > minSize || whole) && size > 1)
        {
            size = size > minSize ? size - 0.5 : size * width / textWidth * 0.98;
            font = Font(size, bold);
            textWidth = gfx.MeasureString(text, font).Width;
        }

        if (textWidth > width)
        {
            text = Shorten(gfx, text, font, width);
        }

        gfx.DrawString(text, font, XBrushes.Black,
            new XRect(SlipLayout.Pt(leftMm), SlipLayout.Pt(yMm), width, SlipLayout.Pt(heightMm)), XStringFormats.CenterLeft);
        yMm += heightMm;
    }

    /// <summary>The longest start of <paramref name="text"/> (whole letters, diacritics and all) that fits with "…".</summary>
    private static string Shorten(XGraphics gfx, string text, XFont font, double width)
    {
        var starts = StringInfo.ParseCombiningCharacters(text);
        var (fits, tooLong) = (0, starts.Length);
        while (tooLong - fits > 1)
        {
            var middle = (fits + tooLong) / 2;
            if (gfx.MeasureString(text[..starts[middle]].TrimEnd() + Ellipsis, font).Width <= width)
            {
                fits = middle;
            }
            else
            {
                tooLong = middle;
            }
        }

        return fits == 0 ? Ellipsis : text[..starts[fits]].TrimEnd() + Ellipsis;
    }

    private XFont Font(double size, bool bold)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
        {
            font = new XFont(SlipFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            _fonts[(size, bold)] = font;
        }

        return font;
    }

    /// <summary>The heading and numbered steps, word-wrapped at the largest size that fits the space beside the QR code.</summary>
    private StepsBlock LayOutSteps(XGraphics gfx, double widthMm, double heightMm)
    {
        for (var size = 7.5; ; size -= 0.5)
        {
            var lineHeight = size * 1.2 * 25.4 / 72;
            var font = Font(size, bold: false);
            var indent = gfx.MeasureString("4. ", font).Width * 25.4 / 72;
            var lines = new List<StepLine> { new("Jak aktywować mLegitymację:", null, 0, Bold: true, EndsParagraph: true) };
            for (var s = 0; s < _stepTexts.Length; s++)
            {
                var wrapped = Wrap(gfx, _stepTexts[s], font, SlipLayout.Pt(widthMm - indent));
                for (var l = 0; l < wrapped.Count; l++)
                {
                    lines.Add(new StepLine(wrapped[l], l == 0 ? $"{s + 1}." : null, indent, Bold: false, EndsParagraph: l == wrapped.Count - 1));
                }
            }

            var height = lines.Sum(line => line.EndsParagraph ? lineHeight * 1.15 : lineHeight);
            if (height <= heightMm || size <= 5)
            {
                return new StepsBlock(size, lineHeight, lines);
            }
        }
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ').SelectMany(w => Pieces(gfx, w, font, width)))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    /// <summary>A word wider than the line (a long app name without spaces) in pieces that fit, so it never crosses the cut line.</summary>
    private static IEnumerable<string> Pieces(XGraphics gfx, string word, XFont font, double width)
    {
        while (word.Length > 1 && gfx.MeasureString(word, font).Width > width)
        {
            var fits = 1;
            while (fits < word.Length - 1 && gfx.MeasureString(word[..(fits + 1)], font).Width <= width)
            {
                fits++;
            }

            yield return word[..fits];
            word = word[fits..];
        }

        yield return word;
    }

    private sealed record StepsBlock(double Size, double LineHeight, List<StepLine> Lines);

    private sealed record StepLine(string Text, string? Number, double Indent, bool Bold, bool EndsParagraph);
}
