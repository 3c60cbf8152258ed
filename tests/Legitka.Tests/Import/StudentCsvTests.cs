using System.Text;
using Legitka.Import;
using Legitka.Registry;

namespace Legitka.Tests.Import;

public sealed class StudentCsvTests
{
    private static readonly DateOnly Birth = new(2012, 3, 14);

    [Fact]
    public void Valid_file_with_bom_and_semicolons_parses()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(CsvSamples.File(
            CsvSamples.Row("1a", "Łucja Maria", "Żak", Birth, 2, "L/1", "mama@example.pl|Tata@Example.pl"))).ToArray();
        var result = StudentCsv.Parse(bytes);
        Assert.Empty(result.Problems);
        var record = Assert.Single(result.Records);
        Assert.Equal("1A", record.ClassName);
        Assert.Equal("Łucja Maria", record.GivenNames);
        Assert.Equal(["mama@example.pl", "tata@example.pl"], record.GuardianEmails);
    }

    [Fact]
    public void Commas_quotes_and_any_column_order_are_understood()
    {
        var pesel = Pesel.Create(Birth, 7);
        var csv = "family_name,given_names,class,birth_date,pesel,address,card_number,card_issue_date,card_valid_until\n" +
                  $"Nowak,Jan,2B,2012-03-14,{pesel},\"ul. Polna 1, 00-001 Warszawa\",L/9,2026-09-01,2027-09-30\n";
        var result = StudentCsv.Parse(Encoding.UTF8.GetBytes(csv));
        Assert.Empty(result.Problems);
        Assert.Equal("ul. Polna 1, 00-001 Warszawa", Assert.Single(result.Records).Address);
    }

    [Fact]
    public void Pupil_without_pesel_needs_another_document()
    {
        var csv = "class;given_names;family_name;pesel;id_document;birth_date;address;card_number;card_issue_date;card_valid_until\n" +
                  "1A;Olena;Kovalenko;;paszport:FA1234567;2012-05-01;ul. Lipowa 2, 00-100 Warszawa;L/5;2026-09-01;2027-09-30\n" +
                  "1A;Taras;Shevchenko;;;2012-05-02;ul. Lipowa 2, 00-100 Warszawa;L/6;2026-09-01;2027-09-30\n";
        var result = StudentCsv.Parse(Encoding.UTF8.GetBytes(csv));
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, "pesel"), (problem.Line, problem.Column));
        Assert.Contains("identity document", problem.Message);
    }

    [Fact]
    public void Wrong_checksum_is_reported_with_line_and_column()
    {
        var good = CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1");
        var pesel = Pesel.Create(Birth, 2);
        var bad = CsvSamples.Row("1A", "Ewa", "Nowak", Birth, 2, "L/2").Replace(pesel, pesel[..10] + (char)('0' + (pesel[10] - '0' + 1) % 10));
        var problem = Assert.Single(StudentCsv.Parse(CsvSamples.File(good, bad)).Problems);
        Assert.Equal((3, "pesel"), (problem.Line, problem.Column));
        Assert.Contains("not a valid PESEL", problem.Message);
        Assert.Contains("PESEL", problem.MessagePl);
    }

    [Fact]
    public void Birth_date_contradicting_the_pesel_is_reported()
    {
        var row = CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1").Replace("2012-03-14", "2012-03-15");
        var problem = Assert.Single(StudentCsv.Parse(CsvSamples.File(row)).Problems);
        Assert.Equal((2, "birth_date"), (problem.Line, problem.Column));
        Assert.Contains("2012-03-14", problem.Message);
    }

    [Fact]
    public void Duplicate_card_numbers_in_the_file_are_reported_on_the_second_line()
    {
        var problem = Assert.Single(StudentCsv.Parse(CsvSamples.File(
            CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1"),
            CsvSamples.Row("1A", "Ewa", "Nowak", Birth, 2, "L/1"))).Problems);
        Assert.Equal((3, "card_number"), (problem.Line, problem.Column));
        Assert.Contains("line 2", problem.Message);
    }

    [Fact]
    public void Missing_column_refuses_the_file()
    {
        var csv = CsvSamples.Header.Replace(";card_number", "", StringComparison.Ordinal) + "\n";
        var problem = Assert.Single(StudentCsv.Parse(Encoding.UTF8.GetBytes(csv)).Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("missing columns: card_number", problem.Message);
    }

    [Fact]
    public void Wrong_separator_gets_a_hint()
    {
        var csv = CsvSamples.Header.Replace(';', '\t') + "\n";
        var problem = Assert.Single(StudentCsv.Parse(Encoding.UTF8.GetBytes(csv)).Problems);
        Assert.Contains("single column", problem.Message);
    }

    [Fact]
    public void Broken_utf8_is_reported_with_its_line()
    {
        var bytes = CsvSamples.File(CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1"), CsvSamples.Row("1A", "Zoe", "Nowak", Birth, 2, "L/2")).ToList();
        var secondRow = bytes.LastIndexOf((byte)'Z');
        bytes[secondRow] = 0xC3; // starts a two-byte sequence that the next byte does not continue
        var problem = Assert.Single(StudentCsv.Parse(bytes.ToArray()).Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("UTF-8", problem.Message);
    }

    [Theory]
    [InlineData("2026-02-30", "card_issue_date", "2026-02-30")]
    [InlineData("15.09.2026", "card_issue_date", "15.09.2026")]
    public void Dates_must_exist_in_iso_form(string value, string column, string shown)
    {
        var row = CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1").Replace("2026-09-01", value);
        var problem = Assert.Single(StudentCsv.Parse(CsvSamples.File(row)).Problems);
        Assert.Equal(column, problem.Column);
        Assert.Contains(shown, problem.Message);
    }

    [Fact]
    public void Card_must_be_valid_after_it_is_issued()
    {
        var row = CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1", validUntil: "2026-08-31");
        Assert.Equal("card_valid_until", Assert.Single(StudentCsv.Parse(CsvSamples.File(row)).Problems).Column);
    }

    [Fact]
    public void Bad_email_and_missing_fields_are_each_reported()
    {
        var row = CsvSamples.Row("", "Jan", "Nowak", Birth, 1, "L/1", "nie-email");
        var problems = StudentCsv.Parse(CsvSamples.File(row)).Problems;
        Assert.Contains(problems, p => p.Column == "class");
        Assert.Contains(problems, p => p.Column == "guardian_email" && p.Message.Contains("nie-email"));
    }

    [Fact]
    public void Row_with_wrong_field_count_names_the_separator()
    {
        var problem = Assert.Single(StudentCsv.Parse(CsvSamples.File("1A;Jan;Nowak")).Problems);
        Assert.Contains("expected 10 fields", problem.Message);
    }

    [Fact]
    public void Blank_spreadsheet_rows_are_skipped()
    {
        var result = StudentCsv.Parse(CsvSamples.File(CsvSamples.Row("1A", "Jan", "Nowak", Birth, 1, "L/1"), ";;;;;;;;;", ""));
        Assert.Empty(result.Problems);
        Assert.Single(result.Records);
    }
}
