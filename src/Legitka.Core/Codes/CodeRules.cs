using Legitka.Credentials.SdJwtVc;

namespace Legitka.Codes;

/// <summary>The fixed rules of activation; the per-school ones (validity, devices) are on the school.</summary>
public static class CodeRules
{
    /// <summary>Wrong activation codes an offer survives; the next one voids it (10^8 codes, 5 guesses).</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>The pre-authorized code a wallet receives with the offer: long enough to type the activation code.</summary>
    public static readonly TimeSpan PreAuthorizedCodeLifetime = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    public const string ConfigurationId = "mlegitymacja";

    public static string OfferPath(string reference) => $"/offers/{reference}";

    public static string OfferUri(string issuerId, string reference) =>
        "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString(issuerId + OfferPath(reference));

    /// <summary>
    /// When a code given at <paramref name="issuedAt"/> for <paramref name="days"/> days stops working: at the end of its
    /// last day in Warsaw, the date the slip prints — not at the hour of the day the secretary happened to generate it.
    /// </summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset issuedAt, int days) =>
        PolishTime.EndOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(issuedAt, PolishTime.Zone).DateTime).AddDays(days));

    /// <summary>"48210937" → "4821 0937": easier to read off paper and type.</summary>
    public static string Grouped(string activationCode) => $"{activationCode[..4]} {activationCode[4..]}";
}
