using Spectre.Console;

namespace Legitka.Wallet.Cli;

/// <summary>A Spectre console over the invocation's output writer: colours on a terminal, plain text when captured.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
    });

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
