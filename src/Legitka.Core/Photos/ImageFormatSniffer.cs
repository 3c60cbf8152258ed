namespace Legitka.Photos;

/// <summary>Names what a non-JPEG file really is, from its first bytes, so that the refusal can say "this is a PNG".</summary>
internal static class ImageFormatSniffer
{
    public static string? Name(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "PNG"
        : data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8) ? "GIF"
        : data.StartsWith("BM"u8) && data.Length >= 14 ? "BMP"
        : data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8) ? "TIFF"
        : data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? "WebP"
        : data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8) ? Iso(data[8..12])
        : data.StartsWith("%PDF"u8) ? "PDF"
        : null;

    /// <summary>ISO base media files: HEIC/HEIF (iPhones) and AVIF share the container; the brand tells them apart.</summary>
    private static string? Iso(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8) ? "AVIF"
        : brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
          || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) ? "HEIC"
        : null; // an MP4 or MOV video: no image format to name
}
