using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Legitka.Codes.Slips;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;

namespace Legitka.Tests.Codes;

public sealed class SlipPdfTests
{
    private const string School = "Szkoła Podstawowa nr 12 im. Marii Skłodowskiej-Curie w Łodzi";
    private const string Address = "ul. Źródłowa 5, 91-733 Łódź";

    private static readonly string[] PolishNames =
    [
        "Zażółć Gęślą-Jaźń",
        "Łukasz Świętosławski-Żółkiewski-Długonazwisko",
        "ŹDŹBŁO ŻÓŁĆ ĄĘŚĆŃ",
        "Ńina Ćwik",
        "Óla Ąbińska",
        "Śmigły Ęwa",
        "Jan Kowalski",
    ];

    // 24.12.2026 23:59:59 in Warsaw (CET, UTC+1) is the last valid second; 23:00 UTC is midnight there.
    private static readonly DateTimeOffset ChristmasEve = new(2026, 12, 24, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_slip_scans_back_to_its_offer_and_shows_its_name_code_and_expiry()
    {
        var slips = PolishNames.Select((name, i) => Slip(i, name, ChristmasEve.AddDays(i))).ToList();
        var pdf = SlipPdf.Render(new SlipSheet(School, Address, slips));

        Assert.Equal(slips.Select(s => s.OfferUri), PdfQr.DecodeQrCodes(pdf));

        var text = Poppler.Text(pdf);
        foreach (var (slip, i) in slips.Select((s, i) => (s, i)))
        {
            Assert.Contains(slip.PupilName, text, StringComparison.Ordinal);
            Assert.Contains($"{slip.ActivationCode[..4]} {slip.ActivationCode[4..]}", text, StringComparison.Ordinal);
            Assert.Contains($"Ważny do: {24 + i}.12.2026", text, StringComparison.Ordinal);
        }

        Assert.Contains(School, text, StringComparison.Ordinal);
        Assert.Contains(Address, text, StringComparison.Ordinal);
        Assert.Contains("Klasa 3b", text, StringComparison.Ordinal);
        Assert.Contains("nie pokazuj go nikomu", text.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("wskazaną przez szkołę", text.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void A_school_that_names_its_wallet_app_has_it_printed_in_the_first_step()
    {
        var pdf = SlipPdf.Render(new SlipSheet(School, Address, [Slip(0, "Jan Kowalski", ChristmasEve)], WalletApp: "Portfel Szkolny"));

        var text = Poppler.Text(pdf).ReplaceLineEndings(" ");
        Assert.Contains("Zainstaluj aplikację portfela „Portfel Szkolny”.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wskazaną przez szkołę", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wallet_app_name_as_long_as_allowed_and_without_spaces_stays_inside_its_slip()
    {
        var name = new string('W', Legitka.Registry.School.WalletAppMaxLength);
        var pdf = SlipPdf.Render(new SlipSheet(School, Address, [Slip(0, "Jan Kowalski", ChristmasEve), Slip(1, "Ewa Nowak", ChristmasEve)],
            WalletApp: "„" + name + "”"));

        // The name is broken into pieces that stay inside the slip's cell, on both slips of the row; none crosses a cut.
        var pieces = Poppler.Words(pdf).Where(w => w.Page == 1 && w.Text.Contains('W') && w.Text.Trim('„', '”', '.').All(c => c == 'W')).ToList();
        var left = SlipLayout.Pt(SlipLayout.Cell(0).Right);
        var right = SlipLayout.Pt(SlipLayout.Cell(1).Right);
        var (inLeft, inRight) = (pieces.Where(w => w.XMin < left).ToList(), pieces.Where(w => w.XMin >= left).ToList());
        Assert.All(inLeft, w => Assert.True(w.XMax <= left, $"'{w.Text}' ends at {w.XMax:0.0} pt, past the cut at {left:0.0} pt"));
        Assert.All(inRight, w => Assert.True(w.XMax <= right, $"'{w.Text}' ends at {w.XMax:0.0} pt, past the cut at {right:0.0} pt"));
        Assert.True(inLeft.Count > 1, "the name was not broken");
        Assert.Equal(name, string.Concat(inLeft.Select(w => w.Text.Trim('„', '”', '.'))));
        var bottom = SlipLayout.Pt(SlipLayout.Cell(0).Bottom);
        Assert.All(Poppler.Words(pdf).Where(w => w.Page == 1 && w.XMin < left && w.YMin < bottom), w => Assert.True(w.YMax <= bottom, $"'{w.Text}' crosses the cut below"));
        Assert.DoesNotContain("„„", Poppler.Text(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Twenty_slips_fill_three_pages_in_the_order_given()
    {
        var slips = Enumerable.Range(0, 20).Select(i => Slip(i, $"Uczeń {i + 1:00} Żak", ChristmasEve)).ToList();
        var pdf = SlipPdf.Render(new SlipSheet(School, Address, slips));

        Assert.Contains("Pages:           3", Poppler.Info(pdf), StringComparison.Ordinal);
        Assert.Equal(slips.Select(s => s.OfferUri), PdfQr.DecodeQrCodes(pdf));

        var names = Poppler.Words(pdf).Where(w => w.Text == "Żak").ToList();
        Assert.Equal([8, 8, 4], names.GroupBy(w => w.Page).Select(page => page.Count()));
    }

    [Fact]
    public void An_empty_sheet_is_refused() =>
        Assert.Throws<ArgumentException>(() => SlipPdf.Render(new SlipSheet(School, Address, [])));

    [Theory]
    [InlineData("", "code")]
    [InlineData("openid-credential-offer://?x", " ")]
    public void A_slip_without_an_offer_or_a_code_is_refused(string offer, string code) =>
        Assert.Throws<ArgumentException>(() => SlipPdf.Render(new SlipSheet(School, Address,
            [new Slip("Jan Kowalski", "3b", offer, code, ChristmasEve)])));

    [Fact]
    public void Long_names_shrink_or_end_in_an_ellipsis_and_nothing_crosses_a_cut_line()
    {
        const string endless = "Maria Konstancja Aleksandra Bożena Wielkopolska-Mazowiecka-Świętokrzyska-Dolnośląska von Żółtogórska";
        var slips = new[]
        {
            Slip(0, endless, ChristmasEve),
            Slip(1, PolishNames[1], ChristmasEve) with { ClassName = "3b (dwujęzyczna, rozszerzony angielski i matematyka, grupa popołudniowa)" },
            Slip(2, "Ala Kot", ChristmasEve) with { ActivationCode = "WMWMWMWMWMWMWMWMWMWMWMWM", CardNumber = "SP7/2026/0059" },
        };
        var pdf = SlipPdf.Render(new SlipSheet(School + " z Oddziałami Integracyjnymi i Sportowymi", Address, slips));

        var text = Poppler.Text(pdf);
        Assert.Contains(PolishNames[1], text, StringComparison.Ordinal); // shrunk, not cut
        Assert.Contains("Klasa 3b, legitymacja nr SP7/2026/0059", text, StringComparison.Ordinal);
        Assert.Contains("Maria Konstancja Aleksandra", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Żółtogórska", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        Assert.Contains("WMWM WMWM WMWM WMWM WMWM WMWM", text, StringComparison.Ordinal); // a code is never cut short

        var words = Poppler.Words(pdf);
        Assert.NotEmpty(words);
        foreach (var word in words)
        {
            var cell = CellOf(word);
            Assert.True(word.XMin >= cell.Left && word.XMax <= cell.Right && word.YMin >= cell.Top && word.YMax <= cell.Bottom,
                $"'{word.Text}' at ({word.XMin:0.0}, {word.YMin:0.0})–({word.XMax:0.0}, {word.YMax:0.0}) comes within {Margin} mm of its slip's edge {cell}.");
        }
    }

    [Fact]
    public void The_title_is_the_only_metadata_and_it_names_no_one()
    {
        var slip = Slip(0, PolishNames[0], ChristmasEve);
        var pdf = SlipPdf.Render(new SlipSheet(School, Address, [slip]));

        var info = Poppler.Info(pdf);
        Assert.Contains("Title:           Kody aktywacyjne mLegitymacji", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Author:", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Subject:", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Keywords:", info, StringComparison.Ordinal);
        var everything = info + Poppler.Info(pdf, xmp: true) + Encoding.Latin1.GetString(pdf);
        foreach (var secret in new[] { slip.PupilName, School, Address, slip.ActivationCode, slip.OfferUri[^43..] })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fonts_are_embedded_DejaVu_so_no_system_font_is_needed()
    {
        var pdf = SlipPdf.Render(new SlipSheet(School, Address, [Slip(0, PolishNames[0], ChristmasEve)]));

        var fonts = Poppler.Fonts(pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line =>
        {
            Assert.Contains("+DejaVu Sans", line, StringComparison.Ordinal); // a subset of the embedded font
            Assert.Equal("yes", line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]); // the "emb" column
        });
        Assert.Contains(fonts, line => line.Contains("DejaVu Sans,Bold", StringComparison.Ordinal));

        foreach (var face in new[] { SlipFontResolver.Instance.ResolveTypeface("Arial", false, false), SlipFontResolver.Instance.ResolveTypeface("x", true, false) })
        {
            var bytes = SlipFontResolver.Instance.GetFont(face.FaceName);
            Assert.Equal([0x00, 0x01, 0x00, 0x00], bytes[..4]); // a TrueType file
        }
    }

    [Fact]
    public void Sheets_render_at_the_same_time_on_several_threads()
    {
        var sheets = Enumerable.Range(0, 4)
            .Select(t => new SlipSheet(School, Address, [.. Enumerable.Range(0, 9).Select(i => Slip(t * 100 + i, PolishNames[i % PolishNames.Length], ChristmasEve))]))
            .ToList();

        var pdfs = new byte[sheets.Count][];
        Parallel.For(0, sheets.Count, i => pdfs[i] = SlipPdf.Render(sheets[i]));

        Assert.Equal(sheets[3].Slips.Select(s => s.OfferUri), PdfQr.DecodeQrCodes(pdfs[3]));
        Assert.All(pdfs, pdf => Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("48210937", "4821 0937")]
    [InlineData("4821 0937", "4821 0937")]
    [InlineData("4821-0937", "4821 0937")]
    [InlineData("123456789012", "1234 5678 9012")]
    [InlineData("12345", "1234 5")]
    public void Codes_print_in_groups_of_four(string code, string printed) =>
        Assert.Equal(printed, SlipPainter.GroupCode(code));

    [Theory]
    [InlineData("2026-12-24T22:59:59Z", "24.12.2026")] // 23:59:59 in Warsaw (CET)
    [InlineData("2026-12-24T23:00:00Z", "24.12.2026")] // expires at midnight: the 24th was the last day
    [InlineData("2026-12-24T23:00:01Z", "25.12.2026")]
    [InlineData("2026-07-01T22:30:00Z", "02.07.2026")] // 00:30 on 2 July in Warsaw (CEST)
    [InlineData("2026-07-01T12:00:00+02:00", "01.07.2026")]
    public void Expiry_prints_the_last_valid_day_in_Warsaw(string expiresAt, string printed) =>
        Assert.Equal(printed, WarsawCalendar.LastDay(DateTimeOffset.Parse(expiresAt, CultureInfo.InvariantCulture).UtcDateTime));

    [Theory]
    [InlineData(2026, 12, 24)] // CET
    [InlineData(2026, 7, 1)] // CEST
    [InlineData(2026, 3, 28)] // the night the clocks go forward
    [InlineData(2026, 10, 24)] // the night they go back
    public void A_code_that_ends_with_a_day_prints_that_day(int year, int month, int day) =>
        Assert.Equal($"{day:00}.{month:00}.{year}", WarsawCalendar.LastDay(Legitka.Credentials.SdJwtVc.PolishTime.EndOf(new DateOnly(year, month, day)).UtcDateTime));

    [Theory]
    [InlineData("3b", "Klasa 3b")]
    [InlineData("klasa 3b", "klasa 3b")]
    [InlineData(" 3  b ", "Klasa 3 b")]
    public void Class_names_read_as_a_class(string name, string printed) =>
        Assert.Equal(printed, SlipPainter.ClassLabel(name));

    [Fact]
    public void Decomposed_letters_print_as_the_precomposed_ones()
    {
        var decomposed = "Zaz\u0307o\u0301l\u0301c\u0301"; // "Zażółć" typed with combining marks (l + acute is not Polish, kept as is)
        Assert.Equal(decomposed.Normalize(NormalizationForm.FormC), SlipPainter.Clean(decomposed));
        Assert.Equal("Zażó", SlipPainter.Clean("Zaz\u0307o\u0301"));
    }

    /// <summary>A realistic offer: the issuer's offer URL with 43 base64url characters (an offer id and 128 random bits), percent-encoded.</summary>
    internal static Slip Slip(int i, string name, DateTimeOffset expiresAt)
    {
        var id = Convert.ToBase64String(SHA256.HashData(BitConverter.GetBytes(i))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var offer = "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString($"https://school.example/offers/{id}");
        var code = (BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(id))) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        return new Slip(name, "3b", offer, code, expiresAt);
    }

    /// <summary>
    /// The slip a word is on, less a margin inside the cut lines (a crooked cut must not lose a letter), in points from
    /// the page's top-left corner. The margin is under the 4 mm padding because a word's box includes the font's ascent.
    /// </summary>
    private static (double Left, double Top, double Right, double Bottom) CellOf(PdfWord word)
    {
        static double Pt(double mm) => mm * 72 / 25.4;
        var column = (int)((word.XMin - Pt(SlipLayout.MarginX)) / Pt(SlipLayout.CellWidth));
        var row = (int)((word.YMin - Pt(SlipLayout.MarginY)) / Pt(SlipLayout.CellHeight));
        var cell = SlipLayout.Cell(row * SlipLayout.Columns + column);
        return (Pt(cell.Left + Margin), Pt(cell.Top + Margin), Pt(cell.Right - Margin), Pt(cell.Bottom - Margin));
    }

    private const double Margin = 3;
}
