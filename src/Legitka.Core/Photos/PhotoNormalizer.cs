using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Legitka.Photos;

/// <summary>
/// Checks a pupil's photo against the school's rules and normalizes it. Everything that can be judged from the
/// headers is judged before decoding; then the picture is turned upright, stripped of every metadata block
/// (EXIF with GPS, XMP, IPTC, ICC, comments) by re-encoding, and a 240×300 portrait of at most 20 KB is made.
/// </summary>
public static class PhotoNormalizer
{
    public const int PortraitWidth = 240;
    public const int PortraitHeight = 300;
    public const int PortraitMaxBytes = 20 * 1024;

    public static PhotoCheck Check(ReadOnlySpan<byte> data, PhotoRules rules)
    {
        if (data.IsEmpty)
        {
            return Refuse("empty", "The file is empty.", "Plik jest pusty.");
        }

        if (data.Length > rules.MaxBytes)
        {
            return Refuse("too_large", $"The file has {Mb(data.Length, CultureInfo.InvariantCulture)} MB; at most {Mb(rules.MaxBytes, CultureInfo.InvariantCulture)} MB is allowed.",
                $"Plik ma {Mb(data.Length, Polish)} MB, a dopuszczalne jest najwyżej {Mb(rules.MaxBytes, Polish)} MB. Zmniejsz zdjęcie i spróbuj ponownie.");
        }

        var header = JpegHeader.TryRead(data);
        if (header is null)
        {
            return OtherFormat(data) is { } format
                ? Refuse("not_jpeg", $"This is a {format} file, not a JPEG.",
                    $"To jest plik {format}, a nie JPEG (sama zmiana nazwy na .jpg nie wystarczy). Zapisz zdjęcie jako JPEG.")
                : data.Length >= 2 && data[0] == 0xFF && data[1] == 0xD8
                    ? Refuse("corrupt", "The JPEG file is damaged: its headers cannot be read.", "Plik JPEG jest uszkodzony: nie da się odczytać jego nagłówka.")
                    : Refuse("not_jpeg", "The file is not a JPEG photo.", "Plik nie jest zdjęciem w formacie JPEG.");
        }

        if (header.Width == 0 || header.Height == 0 || header.Width > PhotoRules.MaxSide || header.Height > PhotoRules.MaxSide
            || (long)header.Width * header.Height > PhotoRules.MaxPixels)
        {
            return Refuse("absurd_dimensions", $"The file claims {header.Width}×{header.Height} px, which no photo needs; it was not opened.",
                $"Plik deklaruje wymiary {header.Width}×{header.Height} px, jakich nie ma żadne zdjęcie legitymacyjne; nie został otwarty.");
        }

        if (header.Components == 4)
        {
            return Refuse("cmyk", "The photo is in CMYK (print) colours; save it in RGB.",
                "Zdjęcie jest zapisane w kolorach CMYK (do druku). Zapisz je w kolorach RGB, np. eksportując jako JPEG do internetu.");
        }

        if (!header.EndsWithEoi)
        {
            return Refuse("truncated", "The JPEG file is incomplete (it was cut off while sending or saving).",
                "Plik JPEG jest niekompletny (urwał się podczas wysyłania lub zapisu). Wyślij zdjęcie jeszcze raz.");
        }

        var (width, height) = header.Upright;
        if (width < rules.MinWidth || height < rules.MinHeight)
        {
            return Refuse("too_small", $"The photo has {width}×{height} px; at least {rules.MinWidth}×{rules.MinHeight} px is needed.",
                $"Zdjęcie ma {width}×{height} px, a potrzeba co najmniej {rules.MinWidth}×{rules.MinHeight} px.");
        }

        var ratio = (double)width / height;
        if (width >= height || Math.Abs(ratio / PhotoRules.AspectRatio - 1) > PhotoRules.AspectTolerance)
        {
            return Refuse("wrong_shape", $"The photo must be upright with the proportions of an ID photo (35×45 mm); it is {width}×{height} px.",
                $"Zdjęcie musi być pionowe, w proporcjach zdjęcia legitymacyjnego 35×45 mm (np. 492×633 px); to ma {width}×{height} px. Przytnij je.");
        }

        return Decode(data, header);
    }

    private static PhotoCheck Decode(ReadOnlySpan<byte> data, JpegHeader header)
    {
        try
        {
            using var image = Image.Load<Rgb24>(data);
            image.Mutate(x => x.AutoOrient());
            // Re-encoding from pixels drops every metadata block; clearing the profiles makes sure none is written back.
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.IccProfile = null;
            var jpeg = Encode(image, 90);
            using var portrait = image.Clone(x => x.Resize(new ResizeOptions
            {
                Size = new Size(PortraitWidth, PortraitHeight), Mode = ResizeMode.Crop, Position = AnchorPositionMode.Center,
            }));
            var quality = 85;
            var small = Encode(portrait, quality);
            while (small.Length > PortraitMaxBytes && quality > 30)
            {
                quality -= 10;
                small = Encode(portrait, quality);
            }

            return new PhotoCheck(new NormalizedPhoto(jpeg, small, image.Width, image.Height, header.Progressive, header.Orientation != 1), null);
        }
        catch (Exception e) when (e is InvalidImageContentException or UnknownImageFormatException or ImageFormatException)
        {
            return Refuse("corrupt", "The JPEG file is damaged and cannot be read.", "Plik JPEG jest uszkodzony i nie da się go odczytać.");
        }
    }

    private static byte[] Encode(Image image, int quality)
    {
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        return output.ToArray();
    }

    private static string? OtherFormat(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? "PNG"
        : data.StartsWith("GIF8"u8) ? "GIF"
        : data.StartsWith("BM"u8) ? "BMP"
        : data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? "WebP"
        : data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8) ? "HEIC"
        : data.StartsWith("%PDF"u8) ? "PDF"
        : null;

    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    private static string Mb(long bytes, CultureInfo culture) => (bytes / 1024.0 / 1024.0).ToString("0.0", culture);

    private static PhotoCheck Refuse(string code, string message, string messagePl) => new(null, new PhotoRefusal(code, message, messagePl));
}

public sealed record PhotoCheck(NormalizedPhoto? Photo, PhotoRefusal? Refusal);
