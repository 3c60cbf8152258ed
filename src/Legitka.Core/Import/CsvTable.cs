using System.Text;

namespace Legitka.Import;

/// <summary>
/// A CSV file read strictly: UTF-8 (BOM optional, invalid bytes refused with their line), separator
/// detected from the header, RFC 4180 quoting. Rows keep their physical line numbers for error messages.
/// </summary>
public sealed class CsvTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private CsvTable(char separator, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Separator = separator;
        Header = header;
        Rows = rows;
    }

    public char Separator { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<CsvRow> Rows { get; }

    public static CsvReadResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var lines = new List<(int Number, string Text)>();
        var lineNumber = 0;
        while (!bytes.IsEmpty)
        {
            lineNumber++;
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            try
            {
                lines.Add((lineNumber, StrictUtf8.GetString(line)));
            }
            catch (DecoderFallbackException)
            {
                return CsvReadResult.Fail(new ImportProblem(lineNumber, null,
                    "the line is not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
                    "wiersz nie jest poprawnym tekstem UTF-8; zapisz plik jako UTF-8 (w Excelu: „CSV UTF-8”)"));
            }
        }

        var firstLine = lines.FindIndex(l => l.Text.Trim().Length > 0);
        if (firstLine < 0)
        {
            return CsvReadResult.Fail(new ImportProblem(1, null, "the file is empty", "plik jest pusty"));
        }

        var headerText = lines[firstLine].Text;
        var separator = headerText.Count(c => c == ';') >= headerText.Count(c => c == ',') ? ';' : ',';
        var records = new List<CsvRow>();
        List<string>? header = null;
        for (var i = firstLine; i < lines.Count; i++)
        {
            var startLine = lines[i].Number;
            var text = lines[i].Text;
            // A quoted field may span lines: join physical lines until the quotes balance.
            while (text.Count(c => c == '"') % 2 == 1 && i + 1 < lines.Count)
            {
                i++;
                text += "\n" + lines[i].Text;
            }

            if (text.Count(c => c == '"') % 2 == 1)
            {
                return CsvReadResult.Fail(new ImportProblem(startLine, null,
                    "a quoted field is not closed", "pole w cudzysłowie nie zostało zamknięte"));
            }

            if (text.Trim().Length == 0)
            {
                continue;
            }

            var fields = SplitFields(text, separator);
            if (header is null)
            {
                header = [.. fields.Select(f => f.Trim().ToLowerInvariant())];
            }
            else
            {
                records.Add(new CsvRow(startLine, fields));
            }
        }

        return CsvReadResult.Ok(new CsvTable(separator, header!, records));
    }

    private static List<string> SplitFields(string text, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

public sealed record CsvReadResult(CsvTable? Table, ImportProblem? Problem)
{
    public static CsvReadResult Ok(CsvTable table) => new(table, null);

    public static CsvReadResult Fail(ImportProblem problem) => new(null, problem);
}
