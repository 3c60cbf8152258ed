using System.Diagnostics;
using Legitka.Photos;
using SixLabors.ImageSharp;

namespace Legitka.Tests.Photos;

public sealed class PhotoNormalizerTests
{
    private static readonly PhotoRules Rules = PhotoRules.Seed;

    private static PhotoRefusal Refused(byte[] data, PhotoRules? rules = null)
    {
        var check = PhotoNormalizer.Check(data, rules ?? Rules);
        Assert.Null(check.Photo);
        return check.Refusal!;
    }

    [Fact]
    public void Good_portrait_is_normalized_with_a_small_credential_portrait()
    {
        var check = PhotoNormalizer.Check(TestImages.Jpeg(600, 772), Rules);
        var photo = Assert.IsType<NormalizedPhoto>(check.Photo);
        Assert.Equal((600, 772), (photo.Width, photo.Height));
        using var portrait = Image.Load(photo.PortraitJpeg);
        Assert.Equal((PhotoNormalizer.PortraitWidth, PhotoNormalizer.PortraitHeight), (portrait.Width, portrait.Height));
        Assert.True(photo.PortraitJpeg.Length <= PhotoNormalizer.PortraitMaxBytes, $"portrait is {photo.PortraitJpeg.Length} bytes");
    }

    [Fact]
    public void Exif_rotation_is_applied_and_every_metadata_block_is_gone()
    {
        var original = TestImages.SidewaysWithGps(600, 772);
        Assert.Equal(6, JpegHeader.TryRead(original)!.Orientation);
        Assert.True(Holds(original, "LegitkaPhone"u8), "the test photo should carry EXIF");

        var photo = PhotoNormalizer.Check(original, Rules).Photo!;

        Assert.True(photo.WasRotated);
        Assert.Equal((600, 772), (photo.Width, photo.Height));
        foreach (var stored in new[] { photo.Jpeg, photo.PortraitJpeg })
        {
            Assert.DoesNotContain(Segments(stored), m => m is 0xE1 or 0xE2 or 0xED or 0xFE); // EXIF/XMP, ICC, IPTC, comment
            Assert.False(Holds(stored, "LegitkaPhone"u8));
            Assert.Equal(1, JpegHeader.TryRead(stored)!.Orientation);
        }
    }

    [Fact]
    public void Empty_file() => Assert.Equal("Plik jest pusty.", Refused([]).MessagePl);

    [Fact]
    public void Png_renamed_to_jpg_is_named_for_what_it_is()
    {
        var refusal = Refused(TestImages.Png(600, 772));
        Assert.Equal("not_jpeg", refusal.Code);
        Assert.Contains("To jest plik PNG, a nie JPEG", refusal.MessagePl);
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        var whole = TestImages.Jpeg(600, 772);
        var refusal = Refused(whole[..(whole.Length * 2 / 3)]);
        Assert.Equal("truncated", refusal.Code);
        Assert.Contains("niekompletny", refusal.MessagePl);
    }

    [Fact]
    public void Corrupt_header_is_refused() =>
        Assert.Equal("corrupt", Refused([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x99, 1, 2, 3]).Code);

    [Fact]
    public void Too_small_names_both_sizes() =>
        Assert.Equal("Zdjęcie ma 300×386 px, a potrzeba co najmniej 492×633 px.", Refused(TestImages.Jpeg(300, 386)).MessagePl);

    [Fact]
    public void Central_2025_limits_accept_what_the_seed_limits_refuse() =>
        Assert.NotNull(PhotoNormalizer.Check(TestImages.Jpeg(300, 386), PhotoRules.Central2025).Photo);

    [Fact]
    public void Too_large_file_is_refused_by_size()
    {
        var refusal = Refused(TestImages.Jpeg(600, 772), Rules with { MaxBytes = 10_000 });
        Assert.Equal("too_large", refusal.Code);
        Assert.Contains("najwyżej 0,0 MB", refusal.MessagePl);
    }

    [Theory]
    [InlineData(1000, 800)] // landscape
    [InlineData(800, 800)] // square
    [InlineData(500, 900)] // far too narrow
    public void Shape_must_be_an_upright_id_photo(int width, int height) =>
        Assert.Equal("wrong_shape", Refused(TestImages.Jpeg(width, height)).Code);

    [Fact]
    public void Cmyk_is_refused_with_advice() =>
        Assert.Contains("CMYK", Refused(TestImages.HeaderOnly(600, 772, components: 4)).MessagePl);

    [Fact]
    public void Decompression_bomb_is_refused_without_decoding()
    {
        var bomb = TestImages.HeaderOnly(60_000, 60_000, components: 3);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var refusal = Refused(bomb);
        watch.Stop();
        Assert.Equal("absurd_dimensions", refusal.Code);
        // Decoding 60,000×60,000 RGB would need ~10 GB; refusing from the header allocates next to nothing.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1_000_000);
    }

    [Fact]
    public void Progressive_frame_is_recognised_in_the_header()
    {
        var header = JpegHeader.TryRead(TestImages.HeaderOnly(600, 772, components: 3, sofMarker: 0xC2))!;
        Assert.True(header.Progressive);
        Assert.False(JpegHeader.TryRead(TestImages.Jpeg(600, 772))!.Progressive);
    }

    private static List<byte> Segments(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA)
        {
            markers.Add(jpeg[i + 1]);
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }

        return markers;
    }

    private static bool Holds(byte[] data, ReadOnlySpan<byte> text) => data.AsSpan().IndexOf(text) >= 0;
}
