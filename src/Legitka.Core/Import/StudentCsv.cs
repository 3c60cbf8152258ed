using System.Globalization;
using System.Net.Mail;
using Legitka.Registry;

namespace Legitka.Import;

/// <summary>Turns the e-diary's CSV into student records, collecting every problem rather than stopping at the first.</summary>
public static class StudentCsv
{
    public static readonly string[] RequiredColumns =
        ["class", "given_names", "family_name", "pesel", "birth_date", "address", "card_number", "card_issue_date", "card_valid_until"];

    public const string GuardianEmailColumn = "guardian_email";

    /// <summary>The registry's column sizes, checked here so that a long value gets a line number, not a database error.</summary>
    private static readonly Dictionary<string, int> MaxLengths = new()
    {
        ["class"] = 20, ["given_names"] = 200, ["family_name"] = 200, ["address"] = 300, ["card_number"] = 50,
    };
    public const string IdDocumentColumn = "id_document";

    public static StudentCsvResult Parse(ReadOnlySpan<byte> bytes)
    {
        var read = CsvTable.Read(bytes);
        if (read.Table is null)
        {
            return new StudentCsvResult([], [read.Problem!]);
        }

        var table = read.Table;
        var headerLine = table.Rows.Count > 0 ? table.Rows[0].Line - 1 : 1;
        var missing = RequiredColumns.Where(c => !table.Header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            var hint = table.Header.Count == 1
                ? " The header has a single column: separate columns with ';' or ','."
                : "";
            var hintPl = table.Header.Count == 1 ? " Nagłówek ma jedną kolumnę: rozdziel kolumny znakiem „;” lub „,”." : "";
            return new StudentCsvResult([], [new ImportProblem(headerLine, null,
                $"missing columns: {string.Join(", ", missing)}.{hint}",
                $"brak kolumn: {string.Join(", ", missing)}.{hintPl}")]);
        }

        var duplicateColumn = table.Header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1 && g.Key.Length > 0);
        if (duplicateColumn is not null)
        {
            return new StudentCsvResult([], [new ImportProblem(headerLine, duplicateColumn.Key,
                "the column appears twice in the header", "kolumna występuje w nagłówku dwa razy")]);
        }

        var columns = table.Header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        var records = new List<StudentRecord>(table.Rows.Count);
        var problems = new List<ImportProblem>();
        foreach (var row in table.Rows)
        {
            // Spreadsheets save blank rows as a line of separators.
            if (row.Fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }

            if (row.Fields.Count != table.Header.Count)
            {
                problems.Add(new ImportProblem(row.Line, null,
                    $"expected {table.Header.Count} fields separated by '{table.Separator}', found {row.Fields.Count}",
                    $"oczekiwano {table.Header.Count} pól rozdzielonych znakiem „{table.Separator}”, jest {row.Fields.Count}"));
                continue;
            }

            var record = new RowReader(row, columns, problems).Read();
            if (record is not null)
            {
                records.Add(record);
            }
        }

        AddDuplicateProblems(records, r => r.Pesel, "pesel", "PESEL", problems);
        AddDuplicateProblems(records, r => r.IdDocumentNumber is null ? null : $"{r.IdDocumentKind}:{r.IdDocumentNumber}",
            IdDocumentColumn, "document", problems);
        AddDuplicateProblems(records, r => r.CardNumber, "card_number", "card number", problems);
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new StudentCsvResult(problems.Count == 0 ? records : [], problems, columns.ContainsKey(GuardianEmailColumn));
    }

    private static void AddDuplicateProblems(
        List<StudentRecord> records, Func<StudentRecord, string?> key, string column, string what, List<ImportProblem> problems)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var value = key(record);
            if (value is null)
            {
                continue;
            }

            if (!firstLine.TryAdd(value, record.Line))
            {
                problems.Add(new ImportProblem(record.Line, column,
                    $"{what} {value} already appears on line {firstLine[value]}",
                    $"wartość {value} występuje już w wierszu {firstLine[value]}"));
            }
        }
    }

    private sealed class RowReader(CsvRow row, Dictionary<string, int> columns, List<ImportProblem> problems)
    {
        private int _problemsBefore;

        public StudentRecord? Read()
        {
            _problemsBefore = problems.Count;
            var className = Required("class");
            var givenNames = Required("given_names");
            var familyName = Required("family_name");
            var address = Required("address");
            var cardNumber = Required("card_number");
            var birthDate = Date("birth_date");
            var issueDate = Date("card_issue_date");
            var validUntil = Date("card_valid_until");
            var (pesel, documentKind, documentNumber) = Identity(birthDate);
            var emails = GuardianEmails();

            if (issueDate is not null && validUntil is not null && validUntil <= issueDate)
            {
                Problem("card_valid_until", $"must be after card_issue_date ({issueDate:yyyy-MM-dd})",
                    $"musi być późniejsza niż data wydania ({issueDate:yyyy-MM-dd})");
            }

            if (problems.Count > _problemsBefore)
            {
                return null;
            }

            return new StudentRecord(row.Line, className!.ToUpperInvariant(), givenNames!, familyName!, pesel, documentKind, documentNumber,
                birthDate!.Value, address!, cardNumber!, issueDate!.Value, validUntil!.Value, emails);
        }

        private string? Value(string column) =>
            columns.TryGetValue(column, out var index) ? NullIfEmpty(row.Fields[index].Trim()) : null;

        private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

        private string? Required(string column)
        {
            var value = Value(column);
            if (value is null)
            {
                Problem(column, "is required but empty", "jest wymagana, a jest pusta");
            }
            else if (MaxLengths.TryGetValue(column, out var max) && value.Length > max)
            {
                Problem(column, $"is {value.Length} characters long; at most {max} are allowed",
                    $"ma {value.Length} znaków, a dopuszczalne jest najwyżej {max}");
                return null;
            }

            return value;
        }

        private DateOnly? Date(string column)
        {
            var value = Required(column);
            if (value is null)
            {
                return null;
            }

            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem(column, $"'{value}' is not a date in the form YYYY-MM-DD that exists in the calendar",
                    $"„{value}” nie jest istniejącą datą w formacie RRRR-MM-DD");
                return null;
            }

            return date;
        }

        private (string? Pesel, string? Kind, string? Number) Identity(DateOnly? birthDate)
        {
            var pesel = Value("pesel");
            var document = Value(IdDocumentColumn);
            if (pesel is null)
            {
                if (document is null)
                {
                    Problem("pesel", $"is empty and no {IdDocumentColumn} is given: a pupil needs a PESEL or another identity document",
                        $"jest pusty, a brak kolumny {IdDocumentColumn}: uczeń musi mieć PESEL albo inny dokument tożsamości");
                    return (null, null, null);
                }

                var separatorAt = document.IndexOfAny([':', ' ']);
                if (separatorAt <= 0 || separatorAt == document.Length - 1)
                {
                    Problem(IdDocumentColumn, $"'{document}' must name the document kind and number, e.g. 'passport:AB1234567'",
                        $"„{document}” musi podawać rodzaj i numer dokumentu, np. „paszport:AB1234567”");
                    return (null, null, null);
                }

                var (kind, number) = (document[..separatorAt].Trim().ToLowerInvariant(), document[(separatorAt + 1)..].Trim().ToUpperInvariant());
                if (kind.Length > 50 || number.Length > 50)
                {
                    Problem(IdDocumentColumn, "the document kind and number may have at most 50 characters each",
                        "rodzaj i numer dokumentu mogą mieć najwyżej po 50 znaków");
                    return (null, null, null);
                }

                return (null, kind, number);
            }

            if (!Pesel.HasValidChecksum(pesel))
            {
                Problem("pesel", $"'{pesel}' is not a valid PESEL (11 digits with a correct check digit)",
                    $"„{pesel}” nie jest poprawnym numerem PESEL (11 cyfr z poprawną cyfrą kontrolną)");
                return (null, null, null);
            }

            var encoded = Pesel.BirthDate(pesel);
            if (encoded is null)
            {
                Problem("pesel", $"'{pesel}' encodes no existing birth date", $"„{pesel}” nie zawiera istniejącej daty urodzenia");
            }
            else if (birthDate is not null && encoded != birthDate)
            {
                Problem("birth_date", $"{birthDate:yyyy-MM-dd} contradicts the PESEL, which encodes {encoded:yyyy-MM-dd}",
                    $"{birthDate:yyyy-MM-dd} jest sprzeczna z numerem PESEL, który wskazuje {encoded:yyyy-MM-dd}");
            }

            return (pesel, null, null);
        }

        private List<string> GuardianEmails()
        {
            var emails = new List<string>();
            var value = Value(GuardianEmailColumn);
            if (value is null)
            {
                return emails;
            }

            foreach (var part in value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!IsPlainEmail(part))
                {
                    Problem(GuardianEmailColumn, $"'{part}' is not a valid e-mail address", $"„{part}” nie jest poprawnym adresem e-mail");
                    continue;
                }

                var normalized = part.ToLowerInvariant();
                if (!emails.Contains(normalized))
                {
                    emails.Add(normalized);
                }
            }

            return emails;
        }

        private static bool IsPlainEmail(string s) =>
            s.Length <= 254 && MailAddress.TryCreate(s, out var address) && address.Address == s && address.Host.Contains('.');

        private void Problem(string column, string message, string messagePl) =>
            problems.Add(new ImportProblem(row.Line, column, message, messagePl));
    }
}

public sealed record StudentCsvResult(IReadOnlyList<StudentRecord> Records, IReadOnlyList<ImportProblem> Problems, bool HasGuardianColumn = false);
