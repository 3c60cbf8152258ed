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

    public string PupilUrl(Guid pupilId) => $"{PublicUrl.TrimEnd('/')}/pupils/{pupilId}";
}
