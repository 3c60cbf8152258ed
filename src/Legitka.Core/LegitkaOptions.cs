using System.ComponentModel.DataAnnotations;

namespace Legitka;

public sealed class LegitkaOptions
{
    public const string Section = "Legitka";

    /// <summary>Where all state lives: the SQLite file and anything else kept on disk.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The address people and wallets reach this deployment at: links in e-mails, the issuer identifier.</summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Base64 key (32+ bytes) for the keyed hashes of codes. Every node must share it; when empty, one is made
    /// and kept in <c>{DataDirectory}/keys/code-hash.key</c>.
    /// </summary>
    public string? CodeHashKey { get; set; }

    public string IssuerId => PublicUrl.TrimEnd('/');

    /// <summary>The path of <see cref="PublicUrl"/> (<c>/legitka</c> for <c>https://szkola.edu.pl/legitka</c>), decoded as requests are, or empty.</summary>
    public string PathBase => Uri.UnescapeDataString(new Uri(IssuerId).AbsolutePath).TrimEnd('/');

    public string PupilUrl(Guid pupilId) => $"{PublicUrl.TrimEnd('/')}/pupils/{pupilId}";
}
