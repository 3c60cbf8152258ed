namespace Legitka.Photos;

/// <summary>
/// Everything about a photo that can be judged without decoding it, cheapest first: size in bytes, format by
/// content, the headers, absurd dimensions (a decompression bomb is refused here, having cost a header read),
/// JPEG variant, colour model, completeness, then size in pixels and shape of the picture as it will be shown.
/// </summary>
public static class PhotoValidator
{
    public static PhotoValidation Validate(ReadOnlySpan<byte> data, PhotoRules rules)
    {
        if (data.IsEmpty)
        {
            return PhotoRefusals.Empty();
        }

        if (data.Length > rules.MaxBytes)
        {
            return PhotoRefusals.TooLarge(data.Length, rules.MaxBytes);
        }

        var read = JpegHeaderReader.Read(data);
        if (!read.Ok)
        {
            return read.Defect switch
            {
                JpegDefect.NotJpeg => PhotoRefusals.NotJpeg(ImageFormatSniffer.Name(data)),
                JpegDefect.Truncated => PhotoRefusals.Truncated(),
                JpegDefect.Corrupt or JpegDefect.None => PhotoRefusals.Corrupt(),
            };
        }

        var header = read.Header;
        if (header.Width == 0 || header.Height == 0)
        {
            return PhotoRefusals.Corrupt(); // a height left for a later DNL marker: no camera writes that
        }

        if (header.Width > PhotoRules.MaxSide || header.Height > PhotoRules.MaxSide || (long)header.Width * header.Height > PhotoRules.MaxPixels)
        {
            return PhotoRefusals.AbsurdDimensions(header.Width, header.Height);
        }

        if (Unsupported(header) is { } variant)
        {
            return PhotoRefusals.UnsupportedJpeg(variant);
        }

        if (header.Cmyk)
        {
            return PhotoRefusals.Cmyk();
        }

        if (header.Components is not (1 or 3))
        {
            return PhotoRefusals.Corrupt();
        }

        if (!header.Complete)
        {
            return PhotoRefusals.Truncated();
        }

        var (width, height) = header.Upright;
        if (width < rules.MinWidth || height < rules.MinHeight)
        {
            return PhotoRefusals.TooSmall(width, height, rules);
        }

        if (width >= height)
        {
            return PhotoRefusals.NotPortrait(width, height);
        }

        var ratio = (double)width / height;
        if (ratio < rules.MinAspect || ratio > rules.MaxAspect)
        {
            return PhotoRefusals.WrongAspect(width, height, rules);
        }

        return header;
    }

    /// <summary>
    /// The decoder reads baseline, extended and progressive Huffman JPEGs with 8 bits per sample, which is what
    /// cameras, phones and editors write; the other variants are refused by name.
    /// </summary>
    private static (string En, string Pl)? Unsupported(JpegHeader header) => header.FrameMarker switch
    {
        0xC3 or 0xC7 or 0xCB or 0xCF => ("lossless", "bezstratny JPEG"),
        0xC5 or 0xC6 or 0xCD or 0xCE => ("hierarchical", "hierarchiczny JPEG"),
        0xC9 or 0xCA => ("arithmetic coding", "kodowanie arytmetyczne"),
        _ when header.Precision != 8 => ($"{header.Precision} bits per sample", $"{header.Precision} bitów na próbkę"),
        _ => null,
    };
}

/// <summary>Either the headers of a photo that may be decoded, or why it is refused.</summary>
public sealed record PhotoValidation(JpegHeader? Header, PhotoRefusal? Refusal)
{
    public static implicit operator PhotoValidation(JpegHeader header) => new(header, null);

    public static implicit operator PhotoValidation(PhotoRefusal refusal) => new(null, refusal);
}
