namespace Legitka.Web;

/// <summary>Who did something, as the portal says it: a person's name, or in words the administrator's command line and the system.</summary>
public static class ActorNames
{
    public const string CommandLine = "wiersz poleceń ({0})";
    public const string System = "system";

    public static string Readable(string name, Ui t) => name switch
    {
        "system" => t[System],
        _ when name.StartsWith("cli:", StringComparison.Ordinal) => t.Format(CommandLine, name["cli:".Length..]),
        _ => name,
    };
}
