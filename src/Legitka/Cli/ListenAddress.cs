using System.Text.RegularExpressions;

namespace Legitka.Cli;

/// <summary>What `serve --urls` says about <c>Legitka:PublicUrl</c> when the operator has set none.</summary>
internal static partial class ListenAddress
{
    /// <summary>
    /// The (first) listen address when wallets can reach it by that name, so that slips printed by a server started
    /// with <c>--urls http://10.0.0.5:8080</c> point at it rather than at the default port; null for a wildcard host
    /// (0.0.0.0, [::], *, +), which names no address anyone can reach.
    /// </summary>
    public static string? AsPublicUrl(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var match = Address().Match(first);
        if (!match.Success || match.Groups["host"].Value is "*" or "+" or "0.0.0.0" or "[::]")
        {
            return null;
        }

        return first.TrimEnd('/');
    }

    [GeneratedRegex(@"^https?://(?<host>\[[0-9a-fA-F:.]+\]|[^/:\[\]]+)(:\d{1,5})?/?$")]
    private static partial Regex Address();
}
