using Spectre.Console;

namespace Legitka.Wallet.Cli;

/// <summary>A Spectre console over the invocation's output writer: colours on a terminal, plain text when captured.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter writer)
    {
        // Colours only on a real terminal: captured or redirected output (tests, `| less`, a log file) stays plain text.
        bool terminal = (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200; // no terminal to fit: do not wrap paths and names at 80 columns
        }

        return console;
    }

    /// <summary>A card's ISO date (2027-09-30) as a Polish reader writes it (30.09.2027); anything else as it came.</summary>
    public static string Date(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : iso ?? "—";

    /// <summary>Prints "✘ message" in red to the error writer.</summary>
    public static void Error(TextWriter writer, string polish, string english, string? detail = null)
    {
        var console = For(writer);
        console.MarkupLine($"[red]✘ {Markup.Escape(polish)} / {Markup.Escape(english)}[/]");
        if (detail is not null)
        {
            console.MarkupLine($"  {Markup.Escape(detail)}");
        }
    }
}
