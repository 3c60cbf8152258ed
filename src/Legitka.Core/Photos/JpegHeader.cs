namespace Legitka.Photos;

/// <summary>
/// What a JPEG's headers say, read without decoding a pixel (see <see cref="JpegHeaderReader"/>): so that a
/// decompression bomb, a CMYK print file or a lossless variant is refused for the price of a few hundred bytes.
/// </summary>
/// <param name="FrameMarker">The SOFn marker byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, others rare.</param>
/// <param name="Markers">Every segment marker before the first scan, in file order (e.g. 0xE0 JFIF, 0xE1 EXIF).</param>
/// <param name="AdobeTransform">The APP14 "Adobe" colour transform (0 none, 1 YCbCr, 2 YCCK), when present.</param>
/// <param name="Complete">The entropy-coded data runs to an EOI marker; false when the file was cut off.</param>
public sealed record JpegHeader(
    byte FrameMarker,
    int Precision,
    int Width,
    int Height,
    int Components,
    int Orientation,
    int? AdobeTransform,
    PhotoMetadata Metadata,
    IReadOnlyList<byte> Markers,
    bool Complete)
{
    public bool Progressive => FrameMarker is 0xC2 or 0xC6 or 0xCA or 0xCE;

    /// <summary>Four components are CMYK, or YCCK when Adobe's APP14 says transform 2; either way not a screen photo.</summary>
    public bool Cmyk => Components == 4;

    /// <summary>EXIF orientations 5–8 turn the picture by 90°: width and height swap once it is shown upright.</summary>
    public (int Width, int Height) Upright => Orientation is >= 5 and <= 8 ? (Height, Width) : (Width, Height);
}

/// <summary>Metadata blocks found in a JPEG, so that a normalized photo can say what was removed.</summary>
[Flags]
public enum PhotoMetadata
{
    None = 0,
    Exif = 1,
    Gps = 2,
    Xmp = 4,
    IccProfile = 8,
    Iptc = 16,
    Comment = 32,
}
