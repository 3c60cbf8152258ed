using System.ComponentModel;
using System.Diagnostics;

namespace Legitka.Tests.Infrastructure;

/// <summary>
/// poppler-utils (<c>pdftoppm</c>, <c>pdftotext</c>, <c>pdfinfo</c>, <c>pdffonts</c>) on a PDF held in memory: an
/// independent reader of what we write. <c>scripts/test.sh</c> installs the package.
/// </summary>
internal static partial class Poppler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Each page as a PNG file at <paramref name="dpi"/>, in page order, in a fresh directory the caller deletes.</summary>
    public static (string Directory, IReadOnlyList<string> Pages) RenderPages(byte[] pdf, int dpi = 150)
    {
        var directory = Directory.CreateTempSubdirectory("legitka-pdf-").FullName;
        var input = Path.Combine(directory, "in.pdf");
        File.WriteAllBytes(input, pdf);
        Run("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", input, Path.Combine(directory, "page")]);
        // pdftoppm pads page numbers to the width of the last one: page-1.png or page-01.png.
        var pages = Directory.GetFiles(directory, "page-*.png")
            .OrderBy(path => int.Parse(Path.GetFileNameWithoutExtension(path)["page-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return (directory, pages);
    }

    /// <summary>The text in reading order (UTF-8), as a person copying it out of a viewer would get it.</summary>
    public static string Text(byte[] pdf) => WithFile(pdf, input => Run("pdftotext", ["-enc", "UTF-8", input, "-"]));

    /// <summary>Every word with its box in points from the page's top-left corner (<c>pdftotext -bbox</c>).</summary>
    public static IReadOnlyList<PdfWord> Words(byte[] pdf) => WithFile(pdf, input =>
    {
        var html = Run("pdftotext", ["-enc", "UTF-8", "-bbox", input, "-"]);
        var words = new List<PdfWord>();
        var page = 0;
        foreach (var line in html.Split('\n'))
        {
            if (line.Contains("<page ", StringComparison.Ordinal))
            {
                page++;
            }

            var match = WordPattern().Match(line);
            if (match.Success)
            {
                double At(string name) => double.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
                words.Add(new PdfWord(page, System.Net.WebUtility.HtmlDecode(match.Groups["text"].Value), At("x1"), At("y1"), At("x2"), At("y2")));
            }
        }

        return words;
    });

    /// <summary><c>pdfinfo</c>: "Title:", "Pages:" and the like, one per line; with <paramref name="xmp"/> the XMP packet too.</summary>
    public static string Info(byte[] pdf, bool xmp = false) =>
        WithFile(pdf, input => Run("pdfinfo", xmp ? ["-meta", input] : [input]));

    /// <summary><c>pdffonts</c>: one line per font with its type, encoding and whether it is embedded.</summary>
    public static string Fonts(byte[] pdf) => WithFile(pdf, input => Run("pdffonts", [input]));

    private static T WithFile<T>(byte[] pdf, Func<string, T> action)
    {
        var input = Path.Combine(Path.GetTempPath(), $"legitka-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(input, pdf);
        try
        {
            return action(input);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string Run(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: apt-get install poppler-utils (scripts/test.sh does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                throw new TimeoutException($"{tool} took longer than {Timeout}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
            }

            return output.Result;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("""<word xMin="(?<x1>[0-9.]+)" yMin="(?<y1>[0-9.]+)" xMax="(?<x2>[0-9.]+)" yMax="(?<y2>[0-9.]+)">(?<text>.*)</word>""")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();
}

/// <summary>One word as <c>pdftotext -bbox</c> sees it; page from 1, coordinates in points from the top-left corner.</summary>
internal sealed record PdfWord(int Page, string Text, double XMin, double YMin, double XMax, double YMax);
