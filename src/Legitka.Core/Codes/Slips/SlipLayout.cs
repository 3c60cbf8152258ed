using PdfSharp.Drawing;

namespace Legitka.Codes.Slips;

/// <summary>Where things go on the page, in millimetres from the top-left corner of the A4 sheet.</summary>
internal static class SlipLayout
{
    public const double PageWidth = 210;
    public const double PageHeight = 297;
    public const int Columns = 2;
    public const int Rows = 4;
    public const int PerPage = Columns * Rows;
    public const double MarginX = 10;
    public const double MarginY = 10;
    public const double CellWidth = (PageWidth - 2 * MarginX) / Columns;    // 95
    public const double CellHeight = (PageHeight - 2 * MarginY) / Rows;     // 69.25

    /// <summary>Blank space inside the cut lines, so that a crooked cut loses nothing.</summary>
    public const double Padding = 4;

    /// <summary>The QR code's square, quiet zone included (the symbol itself is about 36 mm).</summary>
    public const double QrSide = 42;

    /// <summary>From the top of the cell to the top of the QR code's square, below the names.</summary>
    public const double QrTop = 21.25;

    public static XRect Cell(int indexOnPage) => new(
        MarginX + indexOnPage % Columns * CellWidth,
        MarginY + indexOnPage / Columns * CellHeight,
        CellWidth,
        CellHeight);

    public static XRect QrBox(int indexOnPage)
    {
        var cell = Cell(indexOnPage);
        return new XRect(cell.X + Padding, cell.Y + QrTop, QrSide, QrSide);
    }

    public static double Pt(double mm) => mm * 72 / 25.4;
}
