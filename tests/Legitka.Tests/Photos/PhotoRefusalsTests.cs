using Legitka.Photos;

namespace Legitka.Tests.Photos;

/// <summary>The English side of every refusal (logs, API); the Polish side is asserted end to end in <see cref="PhotoNormalizerTests"/>.</summary>
public sealed class PhotoRefusalsTests
{
    public static TheoryData<string, string, string> Catalogue() => new()
    {
        { "empty", PhotoRefusals.Empty().Message, "The file is empty (0 bytes). Choose the photo again." },
        { "too_large", PhotoRefusals.TooLarge(6_000_000, 5 * 1024 * 1024).Message, "The file has 5.8 MB; at most 5.0 MB is allowed. Make the photo smaller and send it again." },
        { "not_jpeg", PhotoRefusals.NotJpeg(null).Message, "The file is not a JPEG photo, nor any known image format. Choose a .jpg file with the photo." },
        { "not_jpeg", PhotoRefusals.NotJpeg("HEIC").Message, "This is a HEIC file (iPhone photo format), not a JPEG. On the iPhone choose Settings → Camera → Formats → “Most Compatible” and take the photo again, or save it as JPEG." },
        { "not_jpeg", PhotoRefusals.NotJpeg("WebP").Message, "This is a WebP file, not a JPEG; renaming it to .jpg does not change its format. Save (export) the photo as JPEG." },
        { "truncated", PhotoRefusals.Truncated().Message, "The JPEG file is incomplete: it was cut off while being sent or saved. Send the photo again." },
        { "corrupt", PhotoRefusals.Corrupt().Message, "The JPEG file is damaged and cannot be read. Open it in a photo viewer, save it again as JPEG and send it again." },
        { "absurd_dimensions", PhotoRefusals.AbsurdDimensions(60_000, 60_000).Message,
            "The file claims 60000×60000 px; no photo needs more than 12000 px a side or 50 megapixels. It was not opened. Send an ordinary photo from a camera or phone." },
        { "unsupported_jpeg", PhotoRefusals.UnsupportedJpeg(("lossless", "bezstratny JPEG")).Message,
            "The photo uses a rare JPEG variant (lossless) that is not supported. Save it again as an ordinary JPEG." },
        { "cmyk", PhotoRefusals.Cmyk().Message, "The photo is in CMYK (print) colours; an RGB photo is needed. Save it as an RGB JPEG, e.g. with “Export for web” in an image editor." },
        { "too_small", PhotoRefusals.TooSmall(300, 386, PhotoRules.Seed).Message, "The photo has 300×386 px; at least 492×633 px is needed. Send the photo at full resolution, not reduced." },
        { "not_portrait", PhotoRefusals.NotPortrait(1000, 800).Message, "The photo is landscape (1000×800 px); an ID photo is upright (35×45 mm). Rotate it or crop it upright." },
        { "not_portrait", PhotoRefusals.NotPortrait(800, 800).Message, "The photo is square (800×800 px); an ID photo is upright (35×45 mm). Crop it upright." },
        { "wrong_aspect", PhotoRefusals.WrongAspect(500, 900, PhotoRules.Seed).Message,
            "The photo's proportions are 0.56 (500×900 px); an ID photo (35×45 mm) needs 0.74–0.82 (width to height). Crop it at the top or bottom, e.g. to 492×633 px." },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void English_message(string code, string actual, string expected)
    {
        Assert.False(string.IsNullOrEmpty(code));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Heic_advice_names_the_iphone_setting() =>
        Assert.Equal("To jest plik HEIC (format zdjęć iPhone'a), a nie JPEG. Na iPhonie wybierz Ustawienia → Aparat → Formaty → "
            + "„Najbardziej zgodne” i zrób zdjęcie ponownie albo zapisz je jako JPEG.", PhotoRefusals.NotJpeg("HEIC").MessagePl);

    [Fact]
    public void Codes_are_distinct_per_case()
    {
        PhotoRefusal[] all =
        [
            PhotoRefusals.Empty(), PhotoRefusals.TooLarge(1, 10_240), PhotoRefusals.NotJpeg(null), PhotoRefusals.Truncated(),
            PhotoRefusals.Corrupt(), PhotoRefusals.AbsurdDimensions(1, 1), PhotoRefusals.UnsupportedJpeg(("a", "b")), PhotoRefusals.Cmyk(),
            PhotoRefusals.TooSmall(1, 1, PhotoRules.Seed), PhotoRefusals.NotPortrait(2, 1), PhotoRefusals.WrongAspect(1, 2, PhotoRules.Seed),
        ];
        Assert.Equal(all.Length, all.Select(r => r.Code).Distinct().Count());
    }
}
