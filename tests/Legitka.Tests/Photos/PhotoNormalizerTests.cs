using Legitka.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Tests.Photos;

public sealed class PhotoNormalizerTests
{
    private static readonly PhotoRules Rules = PhotoRules.Seed;

    /// <summary>What a normalized JPEG may contain before its image data: JFIF, quantization and Huffman tables, a baseline frame.</summary>
    private static readonly byte[] PlainSegments = [0xE0, 0xDB, 0xC4, 0xC0, 0xDD];

    [Fact]
    public void Good_portrait_is_normalized_with_a_small_credential_portrait()
    {
        var check = PhotoNormalizer.Check(TestImages.Jpeg(600, 772), Rules);
        Assert.True(check.Accepted);
        var photo = check.Photo;
        Assert.Equal((600, 772), (photo.Width, photo.Height));
        AssertPlainBaseline(photo.Jpeg, 600, 772);
        AssertPlainBaseline(photo.PortraitJpeg, PhotoNormalizer.PortraitWidth, PhotoNormalizer.PortraitHeight);
        Assert.True(photo.PortraitJpeg.Length <= PhotoNormalizer.PortraitMaxBytes, $"portrait is {photo.PortraitJpeg.Length} bytes");
        Assert.Empty(photo.Notices);
    }

    [Fact]
    public void A_noisy_portrait_is_squeezed_step_by_step_under_20_KB()
    {
        var photo = PhotoNormalizer.Check(PhotoBench.NoisyJpeg(600, 772, quality: 95, seed: 1, noise: 127), Rules).Photo!;
        Assert.True(photo.PortraitJpeg.Length <= 20 * 1024, $"portrait is {photo.PortraitJpeg.Length} bytes");
        Assert.True(photo.PortraitQuality < 90, "noise should not fit at the first quality");
        AssertPlainBaseline(photo.PortraitJpeg, 240, 300);
    }

    [Fact]
    public void Exif_rotated_photo_is_turned_upright_and_stripped_of_gps()
    {
        var original = TestImages.Stored(600, 772, orientation: 6);
        Assert.Equal((772, 600), Header(original) is var h ? (h.Width, h.Height) : default);
        Assert.True(Holds(original, "LegitkaPhone"u8), "the test photo should carry EXIF");

        var photo = PhotoNormalizer.Check(original, Rules).Photo!;

        Assert.True(photo.WasRotated);
        Assert.Equal((600, 772), (photo.Width, photo.Height));
        Assert.Equal(PhotoMetadata.Exif | PhotoMetadata.Gps, photo.RemovedMetadata);
        foreach (var stored in new[] { photo.Jpeg, photo.PortraitJpeg })
        {
            Assert.False(Holds(stored, "LegitkaPhone"u8));
            Assert.Equal(PhotoMetadata.None, Header(stored).Metadata);
            Assert.Equal(1, Header(stored).Orientation);
        }

        AssertPlainBaseline(photo.Jpeg, 600, 772);
        Assert.Equal(
            ["rotated: Zdjęcie było zapisane bokiem, z informacją o obrocie w danych EXIF; obróciliśmy je do pionu.",
             "metadata_removed: Usunęliśmy z pliku metadane: EXIF (dane aparatu), położenie GPS."],
            photo.Notices.Select(n => $"{n.Code}: {n.MessagePl}"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_exif_orientation_ends_with_the_top_left_corner_top_left(ushort orientation)
    {
        var photo = PhotoNormalizer.Check(TestImages.Stored(492, 633, orientation), Rules).Photo!;
        using var image = Image.Load<Rgb24>(photo.Jpeg);
        Assert.Equal((492, 633), (image.Width, image.Height));
        Assert.True(IsMarker(image[20, 20]), $"top-left is {image[20, 20]}");
        Assert.False(IsMarker(image[image.Width - 20, 20]), "top-right is red");
        Assert.False(IsMarker(image[20, image.Height - 20]), "bottom-left is red");
        Assert.False(IsMarker(image[image.Width - 20, image.Height - 20]), "bottom-right is red");
    }

    [Fact]
    public void A_large_upload_is_stored_scaled_to_fit_1200_by_1600()
    {
        var photo = PhotoNormalizer.Check(TestImages.Stored(1400, 1800, orientation: 6), Rules).Photo!;
        Assert.Equal((1400, 1800), (photo.UploadedWidth, photo.UploadedHeight));
        Assert.Equal(1200, photo.Width);
        Assert.InRange(photo.Height, 1542, 1543);
        AssertPlainBaseline(photo.Jpeg, photo.Width, photo.Height);
        using var image = Image.Load<Rgb24>(photo.Jpeg);
        Assert.True(IsMarker(image[20, 20]), "turned the wrong way after scaling");
    }

    [Fact]
    public void Dimensions_and_shape_are_judged_on_the_upright_picture()
    {
        // Stored 633×492 (landscape) but shown upright 492×633: accepted.
        Assert.True(PhotoNormalizer.Check(TestImages.Stored(492, 633, orientation: 8), Rules).Accepted);
        // Stored 633×800 (portrait) but shown 800×633: refused as landscape, with the sizes the parent sees.
        Assert.Equal("Zdjęcie jest poziome (800×633 px), a zdjęcie legitymacyjne jest pionowe (35×45 mm). Obróć je lub przytnij do pionu.",
            Refused(TestImages.Stored(800, 633, orientation: 6)).MessagePl);
    }

    [Fact]
    public void Progressive_jpeg_is_accepted_and_saved_as_baseline_without_its_comment()
    {
        var photo = PhotoNormalizer.Check(ProgressiveFixture.Bytes, Rules).Photo!;
        Assert.True(photo.WasProgressive);
        AssertPlainBaseline(photo.Jpeg, 492, 633);
        Assert.False(Holds(photo.Jpeg, "LegitkaComment"u8));
        Assert.Equal(
            ["progressive_converted: Zdjęcie było zapisane jako JPEG progresywny; zapisaliśmy je jako standardowy JPEG.",
             "metadata_removed: Usunęliśmy z pliku metadane: komentarz."],
            photo.Notices.Select(n => $"{n.Code}: {n.MessagePl}"));
    }

    [Fact]
    public void Empty_file() => AssertRefusal(Refused([]), "empty", "Plik jest pusty (0 bajtów). Wybierz zdjęcie jeszcze raz.");

    [Fact]
    public void Png_renamed_to_jpg_is_named_for_what_it_is()
    {
        var refusal = Refused(TestImages.Png(600, 772));
        AssertRefusal(refusal, "not_jpeg",
            "To jest plik PNG, a nie JPEG — zmiana nazwy na .jpg nie zmienia formatu. Zapisz (wyeksportuj) zdjęcie jako JPEG.");
        Assert.Equal("This is a PNG file, not a JPEG; renaming it to .jpg does not change its format. Save (export) the photo as JPEG.", refusal.Message);
    }

    [Fact]
    public void Iphone_heic_gets_advice_for_the_iphone() =>
        Assert.StartsWith("To jest plik HEIC (format zdjęć iPhone'a), a nie JPEG.",
            Refused([0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0]).MessagePl);

    [Fact]
    public void Unknown_content_is_not_a_jpeg() =>
        AssertRefusal(Refused("hello, this is text"u8.ToArray()), "not_jpeg",
            "Plik nie jest zdjęciem w formacie JPEG ani w żadnym znanym formacie obrazu. Wybierz plik .jpg ze zdjęciem.");

    [Fact]
    public void Truncated_file_is_refused_whether_cut_in_the_data_or_in_the_headers()
    {
        const string Message = "Plik JPEG jest niekompletny — urwał się podczas wysyłania lub zapisu. Wyślij zdjęcie jeszcze raz.";
        var whole = TestImages.Jpeg(600, 772);
        AssertRefusal(Refused(whole[..(whole.Length * 2 / 3)]), "truncated", Message);
        AssertRefusal(Refused(whole[..300]), "truncated", Message);
        AssertRefusal(Refused(ProgressiveFixture.Bytes[..^200]), "truncated", Message);
    }

    [Fact]
    public void Corrupt_header_is_refused() =>
        AssertRefusal(Refused([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 1, 2, 3]), "corrupt",
            "Plik JPEG jest uszkodzony i nie da się go odczytać. Otwórz zdjęcie w przeglądarce zdjęć, zapisz je ponownie jako JPEG i wyślij jeszcze raz.");

    [Fact]
    public void Too_small_names_both_sizes() =>
        AssertRefusal(Refused(TestImages.Jpeg(300, 386)), "too_small",
            "Zdjęcie ma 300×386 px, a potrzeba co najmniej 492×633 px. Wyślij zdjęcie w pełnej rozdzielczości, niezmniejszone.");

    [Fact]
    public void Central_2025_limits_accept_what_the_seed_limits_refuse() =>
        Assert.True(PhotoNormalizer.Check(TestImages.Jpeg(300, 386), PhotoRules.Central2025).Accepted);

    [Fact]
    public void Too_large_file_is_refused_by_size_before_anything_else()
    {
        var refusal = Refused(new byte[(5 * 1024 * 1024) + 1]);
        AssertRefusal(refusal, "too_large",
            "Plik ma 5,1 MB, a dopuszczalne jest najwyżej 5,0 MB. Zmniejsz zdjęcie i wyślij je ponownie.");
        Assert.Equal("The file has 5.1 MB; at most 5.0 MB is allowed. Make the photo smaller and send it again.", refusal.Message);
        Assert.Equal("Plik ma 58,6 KB, a dopuszczalne jest najwyżej 19,5 KB. Zmniejsz zdjęcie i wyślij je ponownie.",
            Refused(new byte[60_000], new PhotoRules(20_000, 492, 633)).MessagePl);
    }

    [Theory]
    [InlineData(1000, 800, "Zdjęcie jest poziome (1000×800 px), a zdjęcie legitymacyjne jest pionowe (35×45 mm). Obróć je lub przytnij do pionu.")]
    [InlineData(800, 800, "Zdjęcie jest kwadratowe (800×800 px), a zdjęcie legitymacyjne jest pionowe (35×45 mm). Przytnij je do pionu.")]
    public void Landscape_and_square_are_not_portraits(int width, int height, string message) =>
        AssertRefusal(Refused(TestImages.Jpeg(width, height)), "not_portrait", message);

    [Theory]
    [InlineData(500, 900, "Zdjęcie ma proporcje 0,56 (500×900 px), a zdjęcie legitymacyjne 35×45 mm wymaga 0,74–0,82 (szerokość do wysokości). Przytnij je u góry lub u dołu, np. do 492×633 px.")]
    [InlineData(600, 700, "Zdjęcie ma proporcje 0,86 (600×700 px), a zdjęcie legitymacyjne 35×45 mm wymaga 0,74–0,82 (szerokość do wysokości). Przytnij je po bokach, np. do 492×633 px.")]
    public void Wrong_aspect_says_how_to_crop(int width, int height, string message) =>
        AssertRefusal(Refused(TestImages.Jpeg(width, height)), "wrong_aspect", message);

    [Fact]
    public void Phone_3_to_4_photo_is_accepted() => Assert.True(PhotoNormalizer.Check(TestImages.Jpeg(600, 800), Rules).Accepted);

    [Fact]
    public void Cmyk_is_refused_with_advice_to_save_in_rgb() =>
        AssertRefusal(Refused(TestImages.HeaderOnly(600, 772, components: 4, segments: TestImages.AdobeSegment(2))), "cmyk",
            "Zdjęcie jest zapisane w kolorach CMYK (do druku), a potrzebne jest zdjęcie w kolorach RGB. "
            + "Zapisz je jako JPEG w RGB, np. funkcją „Eksportuj do internetu” w programie graficznym.");

    [Theory]
    [InlineData(0xC3, 8, "bezstratny JPEG")]
    [InlineData(0xC9, 8, "kodowanie arytmetyczne")]
    [InlineData(0xC1, 12, "12 bitów na próbkę")]
    public void Rare_jpeg_variants_are_refused_by_name(byte sof, byte precision, string variant) =>
        AssertRefusal(Refused(TestImages.HeaderOnly(600, 772, sofMarker: sof, precision: precision)), "unsupported_jpeg",
            $"Zdjęcie jest zapisane w rzadkim wariancie JPEG ({variant}), którego nie obsługujemy. Zapisz je ponownie jako zwykły JPEG.");

    [Theory]
    [InlineData(60_000, 60_000)]
    [InlineData(8_000, 10_000)] // each side allowed, 80 megapixels not
    public void Decompression_bomb_is_refused_from_its_header_without_decoding(int width, int height)
    {
        var bomb = TestImages.HeaderOnly(width, height);
        Assert.True(bomb.Length < 100);
        PhotoNormalizer.Check(bomb, Rules); // warm up, so the measurement below is of the refusal alone
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Refused(bomb);
        AssertRefusal(refusal, "absurd_dimensions",
            $"Plik deklaruje wymiary {width}×{height} px, a żadne zdjęcie nie potrzebuje więcej niż 12000 px na bok ani 50 megapikseli. "
            + "Plik nie został otwarty. Wyślij zwykłe zdjęcie z aparatu lub telefonu.");
        // Decoding 60,000×60,000 RGB would need ~10 GB; refusing from the header is a few small strings. (Measured in
        // bytes, not milliseconds: a busy test machine makes any time limit flaky.)
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64 * 1024, "the refusal allocated like a decode");
    }

    [Fact]
    public void Any_mutation_of_a_photo_is_normalized_or_refused_without_an_exception()
    {
        // Damage the decoder sees (the headers still read) must come back as a refusal, never as an exception.
        var original = TestImages.Stored(492, 633, orientation: 6);
        var random = new Random(7);
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            var data = (byte[])original.Clone();
            for (var e = 0; e < 20; e++)
            {
                data[random.Next(data.Length)] = (byte)random.Next(256);
            }

            refused += PhotoNormalizer.Check(data, Rules).Accepted ? 0 : 1;
        }

        Assert.True(refused > 0, "random damage should be noticed at least sometimes");
    }

    private static PhotoRefusal Refused(byte[] data, PhotoRules? rules = null)
    {
        var check = PhotoNormalizer.Check(data, rules ?? Rules);
        Assert.False(check.Accepted);
        return check.Refusal;
    }

    private static void AssertRefusal(PhotoRefusal refusal, string code, string messagePl)
    {
        Assert.Equal(code, refusal.Code);
        Assert.Equal(messagePl, refusal.MessagePl);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
    }

    /// <summary>Re-read with our own scanner: a complete baseline JPEG of that size, with no metadata segment at all.</summary>
    private static void AssertPlainBaseline(byte[] jpeg, int width, int height)
    {
        var header = Header(jpeg);
        Assert.Equal((0xC0, width, height, true), (header.FrameMarker, header.Width, header.Height, header.Complete));
        Assert.All(header.Markers, m => Assert.Contains(m, PlainSegments));
        Assert.Equal(PhotoMetadata.None, header.Metadata);
    }

    private static JpegHeader Header(byte[] jpeg) => JpegHeaderReader.Read(jpeg).Header ?? throw new Xunit.Sdk.XunitException("unreadable JPEG");

    private static bool IsMarker(Rgb24 pixel) => pixel.R > 180 && pixel.G < 80 && pixel.B < 80;

    private static bool Holds(byte[] data, ReadOnlySpan<byte> text) => data.AsSpan().IndexOf(text) >= 0;
}
