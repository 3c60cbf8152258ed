using Legitka.Photos;

namespace Legitka.Tests.Photos;

public sealed class JpegHeaderReaderTests
{
    [Fact]
    public void Reads_an_encoded_photo_without_decoding_it()
    {
        var header = Read(TestImages.Jpeg(600, 772));
        Assert.Equal((600, 772, 3, 8), (header.Width, header.Height, header.Components, header.Precision));
        Assert.Equal(0xC0, header.FrameMarker);
        Assert.False(header.Progressive);
        Assert.True(header.Complete);
        Assert.Equal(1, header.Orientation);
    }

    [Fact]
    public void Progressive_frame_is_recognised()
    {
        Assert.True(Read(ProgressiveFixture.Bytes).Progressive);
        Assert.True(Read(TestImages.HeaderOnly(600, 772, sofMarker: 0xC2)).Progressive);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exif_orientation_and_gps_are_read_in_either_byte_order(bool bigEndian)
    {
        var header = Read(TestImages.HeaderOnly(633, 492, segments: TestImages.ExifSegment(6, bigEndian, gps: true)));
        Assert.Equal(6, header.Orientation);
        Assert.Equal((492, 633), header.Upright);
        Assert.Equal(PhotoMetadata.Exif | PhotoMetadata.Gps, header.Metadata);
    }

    [Fact]
    public void An_orientation_outside_1_to_8_counts_as_upright() =>
        Assert.Equal(1, Read(TestImages.HeaderOnly(600, 772, segments: TestImages.ExifSegment(9, bigEndian: false))).Orientation);

    [Fact]
    public void Cmyk_is_seen_with_adobe_transform()
    {
        var header = Read(TestImages.HeaderOnly(600, 772, components: 4, segments: TestImages.AdobeSegment(2)));
        Assert.True(header.Cmyk);
        Assert.Equal(2, header.AdobeTransform);
    }

    [Fact]
    public void Metadata_blocks_are_named()
    {
        var header = Read(TestImages.HeaderOnly(600, 772, segments:
        [
            TestImages.Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"u8]),
            TestImages.Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1]),
            TestImages.Segment(0xED, [.. "Photoshop 3.0\0"u8]),
            TestImages.Segment(0xFE, [.. "hello"u8]),
        ]));
        Assert.Equal(PhotoMetadata.Xmp | PhotoMetadata.IccProfile | PhotoMetadata.Iptc | PhotoMetadata.Comment, header.Metadata);
        Assert.Equal([0xE1, 0xE2, 0xED, 0xFE, 0xC0], header.Markers);
    }

    [Fact]
    public void A_file_cut_in_the_image_data_is_incomplete_and_one_cut_in_the_headers_is_truncated()
    {
        var whole = TestImages.Jpeg(600, 772);
        Assert.False(Read(whole[..(whole.Length * 2 / 3)]).Complete);
        Assert.Equal(JpegDefect.Truncated, JpegHeaderReader.Read(whole.AsSpan(0, 100)).Defect);
        Assert.Equal(JpegDefect.Truncated, JpegHeaderReader.Read(whole.AsSpan(0, 2)).Defect);
    }

    [Fact]
    public void Data_after_the_end_marker_does_not_make_a_whole_file_incomplete()
    {
        // Motion photos append a video after EOI; stuffed 0xFF00 bytes and restart markers in the data are not markers.
        byte[] trailer = [.. "ftypmp42"u8, 0xFF, 0xD8, 0xFF, 0x00];
        Assert.True(Read([.. TestImages.Jpeg(600, 772), .. trailer]).Complete);
        Assert.True(Read(ProgressiveFixture.Bytes).Complete);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, JpegDefect.NotJpeg)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0x00, 0x00, 0x00 }, JpegDefect.Corrupt)] // no marker after SOI
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01 }, JpegDefect.Corrupt)] // segment length below 2
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x99, 1, 2, 3 }, JpegDefect.Truncated)] // segment longer than the file
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9 }, JpegDefect.Corrupt)] // scan before any frame
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, JpegDefect.Corrupt)] // nothing between start and end
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x08, 8, 0, 1, 0, 1, 3 }, JpegDefect.Corrupt)] // 3 components, no room for them
    public void Damaged_headers_are_named(byte[] data, JpegDefect defect) => Assert.Equal(defect, JpegHeaderReader.Read(data).Defect);

    [Fact]
    public void Any_mutation_of_a_photo_is_read_or_refused_without_an_exception()
    {
        // A seeded fuzz: flipped bytes, cut files and spliced lengths over a photo with EXIF; the reader must never throw.
        var seeds = new[] { TestImages.Stored(120, 160, 6), ProgressiveFixture.Bytes };
        var random = new Random(20261125);
        for (var i = 0; i < 5_000; i++)
        {
            var data = (byte[])seeds[i % seeds.Length].Clone();
            var edits = random.Next(1, 8);
            for (var e = 0; e < edits; e++)
            {
                // Bias towards the headers, where the scanner's reads are.
                var at = random.Next(random.Next(2) == 0 ? Math.Min(400, data.Length) : data.Length);
                data[at] = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
            }

            var length = random.Next(4) == 0 ? random.Next(data.Length) : data.Length;
            _ = JpegHeaderReader.Read(data.AsSpan(0, length));
        }
    }

    private static JpegHeader Read(byte[] data)
    {
        var read = JpegHeaderReader.Read(data);
        Assert.True(read.Ok, $"defect {read.Defect}");
        return read.Header;
    }
}
