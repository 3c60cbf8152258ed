namespace Legitka.Photos;

/// <summary>A school's limits for photos (school settings; see <see cref="Registry.School"/>).</summary>
public sealed record PhotoRules(int MaxBytes, int MinWidth, int MinHeight)
{
    /// <summary>ID photos are 35×45 mm; phones crop loosely, so ±6% of that ratio is accepted.</summary>
    public const double AspectRatio = 35.0 / 45.0;
    public const double AspectTolerance = 0.06;

    /// <summary>Past these, a JPEG is refused before decoding: no school photo needs 12,000 px or 40 megapixels.</summary>
    public const int MaxSide = 12_000;
    public const long MaxPixels = 40_000_000;

    public static readonly PhotoRules Seed = new(5 * 1024 * 1024, 492, 633);
    public static readonly PhotoRules Central2025 = new(2_621_440, 246, 304);

    public static PhotoRules For(Registry.School school) => new(school.PhotoMaxBytes, school.PhotoMinWidth, school.PhotoMinHeight);
}
