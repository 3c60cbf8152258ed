using System.Globalization;

namespace Legitka.Photos;

/// <summary>
/// Every refusal of a photo, in one place: the codes are part of the API (stable), the Polish text is what a parent
/// reads, so it says what is wrong with this file and what to do about it.
/// </summary>
public static class PhotoRefusals
{
    public static PhotoRefusal Empty() => new("empty",
        "The file is empty (0 bytes). Choose the photo again.",
        "Plik jest pusty (0 bajtów). Wybierz zdjęcie jeszcze raz.");

    public static PhotoRefusal TooLarge(long bytes, int maxBytes) => new("too_large",
        $"The file has {Size(bytes, up: true, English)}; at most {Size(maxBytes, up: false, English)} is allowed. Make the photo smaller and send it again.",
        $"Plik ma {Size(bytes, up: true, Polish)}, a dopuszczalne jest najwyżej {Size(maxBytes, up: false, Polish)}. Zmniejsz zdjęcie i wyślij je ponownie.");

    /// <param name="format">What the content really is (PNG, HEIC, …), or null when it is no known image format.</param>
    public static PhotoRefusal NotJpeg(string? format) => format switch
    {
        null => new("not_jpeg",
            "The file is not a JPEG photo, nor any known image format. Choose a .jpg file with the photo.",
            "Plik nie jest zdjęciem w formacie JPEG ani w żadnym znanym formacie obrazu. Wybierz plik .jpg ze zdjęciem."),
        "HEIC" => new("not_jpeg",
            "This is a HEIC file (iPhone photo format), not a JPEG. On the iPhone choose Settings → Camera → Formats → "
            + "“Most Compatible” and take the photo again, or save it as JPEG.",
            "To jest plik HEIC (format zdjęć iPhone'a), a nie JPEG. Na iPhonie wybierz Ustawienia → Aparat → Formaty → "
            + "„Najbardziej zgodne” i zrób zdjęcie ponownie albo zapisz je jako JPEG."),
        _ => new("not_jpeg",
            $"This is a {format} file, not a JPEG; renaming it to .jpg does not change its format. Save (export) the photo as JPEG.",
            $"To jest plik {format}, a nie JPEG — zmiana nazwy na .jpg nie zmienia formatu. Zapisz (wyeksportuj) zdjęcie jako JPEG."),
    };

    public static PhotoRefusal Truncated() => new("truncated",
        "The JPEG file is incomplete: it was cut off while being sent or saved. Send the photo again.",
        "Plik JPEG jest niekompletny — urwał się podczas wysyłania lub zapisu. Wyślij zdjęcie jeszcze raz.");

    public static PhotoRefusal Corrupt() => new("corrupt",
        "The JPEG file is damaged and cannot be read. Open it in a photo viewer, save it again as JPEG and send it again.",
        "Plik JPEG jest uszkodzony i nie da się go odczytać. Otwórz zdjęcie w przeglądarce zdjęć, zapisz je ponownie jako JPEG i wyślij jeszcze raz.");

    public static PhotoRefusal AbsurdDimensions(int width, int height) => new("absurd_dimensions",
        $"The file claims {width}×{height} px; no photo needs more than {PhotoRules.MaxSide} px a side or {PhotoRules.MaxPixels / 1_000_000} megapixels. It was not opened. Send an ordinary photo from a camera or phone.",
        $"Plik deklaruje wymiary {width}×{height} px, a żadne zdjęcie nie potrzebuje więcej niż {PhotoRules.MaxSide} px na bok "
        + $"ani {PhotoRules.MaxPixels / 1_000_000} megapikseli. Plik nie został otwarty. Wyślij zwykłe zdjęcie z aparatu lub telefonu.");

    /// <param name="variant">The JPEG variant in English and Polish, e.g. ("lossless", "bezstratny").</param>
    public static PhotoRefusal UnsupportedJpeg((string En, string Pl) variant) => new("unsupported_jpeg",
        $"The photo uses a rare JPEG variant ({variant.En}) that is not supported. Save it again as an ordinary JPEG.",
        $"Zdjęcie jest zapisane w rzadkim wariancie JPEG ({variant.Pl}), którego nie obsługujemy. Zapisz je ponownie jako zwykły JPEG.");

    public static PhotoRefusal Cmyk() => new("cmyk",
        "The photo is in CMYK (print) colours; an RGB photo is needed. Save it as an RGB JPEG, e.g. with “Export for web” in an image editor.",
        "Zdjęcie jest zapisane w kolorach CMYK (do druku), a potrzebne jest zdjęcie w kolorach RGB. "
        + "Zapisz je jako JPEG w RGB, np. funkcją „Eksportuj do internetu” w programie graficznym.");

    public static PhotoRefusal TooSmall(int width, int height, PhotoRules rules) => new("too_small",
        $"The photo has {width}×{height} px; at least {rules.MinWidth}×{rules.MinHeight} px is needed. Send the photo at full resolution, not reduced.",
        $"Zdjęcie ma {width}×{height} px, a potrzeba co najmniej {rules.MinWidth}×{rules.MinHeight} px. "
        + "Wyślij zdjęcie w pełnej rozdzielczości, niezmniejszone.");

    public static PhotoRefusal NotPortrait(int width, int height) => width == height
        ? new("not_portrait",
            $"The photo is square ({width}×{height} px); an ID photo is upright (35×45 mm). Crop it upright.",
            $"Zdjęcie jest kwadratowe ({width}×{height} px), a zdjęcie legitymacyjne jest pionowe (35×45 mm). Przytnij je do pionu.")
        : new("not_portrait",
            $"The photo is landscape ({width}×{height} px); an ID photo is upright (35×45 mm). Rotate it or crop it upright.",
            $"Zdjęcie jest poziome ({width}×{height} px), a zdjęcie legitymacyjne jest pionowe (35×45 mm). Obróć je lub przytnij do pionu.");

    public static PhotoRefusal WrongAspect(int width, int height, PhotoRules rules)
    {
        var ratio = (double)width / height;
        return new("wrong_aspect",
            $"The photo's proportions are {Ratio(ratio, English)} ({width}×{height} px); an ID photo (35×45 mm) needs "
            + $"{Ratio(rules.MinAspect, English)}–{Ratio(rules.MaxAspect, English)} (width to height). "
            + $"Crop it {(ratio < rules.MinAspect ? "at the top or bottom" : "at the sides")}, e.g. to {rules.MinWidth}×{rules.MinHeight} px.",
            $"Zdjęcie ma proporcje {Ratio(ratio, Polish)} ({width}×{height} px), a zdjęcie legitymacyjne 35×45 mm wymaga "
            + $"{Ratio(rules.MinAspect, Polish)}–{Ratio(rules.MaxAspect, Polish)} (szerokość do wysokości). "
            + $"Przytnij je {(ratio < rules.MinAspect ? "u góry lub u dołu" : "po bokach")}, np. do {rules.MinWidth}×{rules.MinHeight} px.");
    }

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;
    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>
    /// Sizes with one decimal: the file's size rounded up and the limit rounded down, so that a file just over the
    /// limit never reads "5.0 MB, at most 5.0 MB".
    /// </summary>
    private static string Size(long bytes, bool up, CultureInfo culture)
    {
        var (value, unit) = bytes >= 1024 * 1024 ? (bytes / 1024.0 / 1024.0, "MB") : (bytes / 1024.0, "KB");
        var tenths = up ? Math.Ceiling(value * 10) : Math.Floor(value * 10);
        return $"{(tenths / 10).ToString("0.0", culture)} {unit}";
    }

    private static string Ratio(double ratio, CultureInfo culture) => ratio.ToString("0.00", culture);
}
