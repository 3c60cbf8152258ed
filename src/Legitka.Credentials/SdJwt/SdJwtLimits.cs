namespace Legitka.Credentials.SdJwt;

/// <summary>
/// Bounds on untrusted input, checked before any expensive work so that an oversized or deeply nested
/// presentation costs the verifier little. The defaults fit an mLegitymacja with a portrait of up to ~200 KB.
/// </summary>
public sealed record SdJwtLimits
{
    public static SdJwtLimits Default { get; } = new();

    /// <summary>Maximum length of the whole presentation, in bytes.</summary>
    public int MaxLength { get; init; } = 512 * 1024;

    /// <summary>Maximum number of Disclosures.</summary>
    public int MaxDisclosures { get; init; } = 128;

    /// <summary>Maximum JSON nesting in the payload and in each Disclosure.</summary>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>Maximum chain of Disclosures nested in Disclosures.</summary>
    public int MaxDisclosureNesting { get; init; } = 8;
}
