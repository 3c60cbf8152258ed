using System.Text.RegularExpressions;
using Legitka.Credentials.SdJwtVc;

namespace Legitka.Issuance;

/// <summary>
/// Splits the registry's one-line address ("ul. Lipowa 5/2, 00-044 Warszawa") into the credential's structured
/// one. An address that does not follow the Polish pattern keeps its whole text as the street line.
/// </summary>
public static partial class PolishAddress
{
    public static PostalAddress Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        return match.Success
            ? new PostalAddress(match.Groups["street"].Value.Trim(), match.Groups["locality"].Value.Trim(), match.Groups["postal"].Value)
            : new PostalAddress(text.Trim(), "", "");
    }

    [GeneratedRegex(@"^(?<street>.+),\s*(?<postal>\d{2}-\d{3})\s+(?<locality>[^,]+)$")]
    private static partial Regex Pattern();
}
