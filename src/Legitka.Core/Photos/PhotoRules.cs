namespace Legitka.Photos;

/// <summary>
/// A school's limits for photos (school settings; see <see cref="Registry.School"/>). Validated on construction,
/// including <c>with</c> copies: rules that no photo could meet, or that would let anything through, are a
/// configuration bug and fail at once rather than at the first parent's upload.
/// </summary>
public sealed record PhotoRules
{
    /// <summary>ID photos are 35×45 mm (width to height 0.778).</summary>
    public const double AspectRatio = 35.0 / 45.0;

    /// <summary>
    /// ±5% of 35:45 accepts 0.739–0.817: the 3:4 of phone cameras (0.750), 4:5 prints (0.800) and the central
    /// system's own 246×304 (0.809); it refuses 2:3 (0.667) and anything square, which need cropping first.
    /// </summary>
    public const double DefaultAspectTolerance = 0.05;

    /// <summary>Past these, a JPEG is refused before decoding: no school photo needs 12,000 px or 50 megapixels.</summary>
    public const int MaxSide = 12_000;
    public const long MaxPixels = 50_000_000;

    /// <summary>Upper bound for a school's file limit: beyond it the limit no longer protects the server.</summary>
    public const int MaxBytesCeiling = 50 * 1024 * 1024;

    /// <summary>The seeds' rules: at most 5 MB, at least 492×633 px.</summary>
    public static readonly PhotoRules Seed = new(5 * 1024 * 1024, 492, 633);

    /// <summary>The 2025 central system: at most 2.5 MB, at least 246×304 px.</summary>
    public static readonly PhotoRules Central2025 = new(2_621_440, 246, 304);

    public PhotoRules(int maxBytes, int minWidth, int minHeight, double aspectTolerance = DefaultAspectTolerance)
    {
        MaxBytes = maxBytes;
        MinWidth = minWidth;
        MinHeight = minHeight;
        AspectTolerance = aspectTolerance;
    }

    public int MaxBytes
    {
        get;
        init => field = value is >= 10 * 1024 and <= MaxBytesCeiling
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxBytes), value, $"The photo size limit must be 10 KB to {MaxBytesCeiling} bytes.");
    }

    /// <summary>At least the credential portrait's width, so that the portrait is never an enlargement.</summary>
    public int MinWidth
    {
        get;
        init => field = value is >= PortraitRenderer.Width and < MaxSide
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinWidth), value, $"The minimum width must be {PortraitRenderer.Width} to {MaxSide} px.");
    }

    /// <summary>At least the credential portrait's height, for the same reason.</summary>
    public int MinHeight
    {
        get;
        init => field = value is >= PortraitRenderer.Height and <= MaxSide
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinHeight), value, $"The minimum height must be {PortraitRenderer.Height} to {MaxSide} px.");
    }

    /// <summary>Relative deviation from 35:45 that is still accepted (0.05 = ±5%).</summary>
    public double AspectTolerance
    {
        get;
        init => field = value is > 0 and <= 0.25
            ? value
            : throw new ArgumentOutOfRangeException(nameof(AspectTolerance), value, "The aspect tolerance must be above 0 and at most 0.25.");
    }

    public double MinAspect => AspectRatio * (1 - AspectTolerance);

    public double MaxAspect => AspectRatio * (1 + AspectTolerance);

    public static PhotoRules For(Registry.School school) => new(school.PhotoMaxBytes, school.PhotoMinWidth, school.PhotoMinHeight);
}
