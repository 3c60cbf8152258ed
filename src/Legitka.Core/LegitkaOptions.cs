using System.ComponentModel.DataAnnotations;

namespace Legitka;

public sealed class LegitkaOptions
{
    public const string Section = "Legitka";

    /// <summary>Where all state lives: the SQLite file and anything else kept on disk.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";
}
