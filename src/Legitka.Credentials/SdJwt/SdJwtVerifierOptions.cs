using Legitka.Credentials.Keys;

namespace Legitka.Credentials.SdJwt;

/// <summary>The verifier's policy for one kind of SD-JWT; immutable and shareable across requests.</summary>
public sealed record SdJwtVerifierOptions
{
    /// <summary>The claims SD-JWT VC §3.2.2.2 forbids in Disclosures; refusing them also keeps validity claims visible (RFC 9901 §9.7).</summary>
    public static readonly IReadOnlySet<string> VcNonDisclosableClaims =
        new HashSet<string>(StringComparer.Ordinal) { "iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "aka_vcts" };

    public required IIssuerKeyResolver IssuerKeys { get; init; }

    /// <summary>The required JOSE <c>typ</c> of the issuer-signed JWT (explicit typing, RFC 9901 §9.11).</summary>
    public string ExpectedType { get; init; } = "dc+sd-jwt";

    /// <summary>If set, the <c>iss</c> claim must equal it (e.g. the <c>issuer</c> of JWT VC Issuer Metadata).</summary>
    public string? ExpectedIssuer { get; init; }

    /// <summary>
    /// Whether a Key Binding JWT is required. Decided by policy, never by whether one was sent
    /// (RFC 9901 §7.3 step 1); when it is, <see cref="ExpectedNonce"/> and <see cref="ExpectedAudience"/> are required too.
    /// </summary>
    public bool RequireKeyBinding { get; init; } = true;

    public string? ExpectedNonce { get; init; }

    public string? ExpectedAudience { get; init; }

    /// <summary>Whether the issuer-signed JWT must carry <c>exp</c>; our credentials always do.</summary>
    public bool RequireExpiration { get; init; } = true;

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a Key Binding JWT may be; presentations are answered within seconds.</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlySet<string> NonDisclosableClaims { get; init; } = VcNonDisclosableClaims;

    public SdJwtLimits Limits { get; init; } = SdJwtLimits.Default;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
