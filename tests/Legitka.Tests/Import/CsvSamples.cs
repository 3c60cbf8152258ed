using System.Text;
using Legitka.Registry;

namespace Legitka.Tests.Import;

/// <summary>Builds e-diary CSV files for tests, valid unless a test spoils them.</summary>
internal static class CsvSamples
{
    public const string Header = "class;given_names;family_name;pesel;birth_date;address;card_number;card_issue_date;card_valid_until;guardian_email";

    public static string Row(string className, string given, string family, DateOnly birth, int serial, string card, string? guardian = null,
        string validUntil = "2027-09-30") =>
        $"{className};{given};{family};{Pesel.Create(birth, serial)};{birth:yyyy-MM-dd};ul. Długa 5/3, 00-238 Warszawa;{card};2026-09-01;{validUntil};{guardian}";

    public static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n");

    public static byte[] Pupils(int count, string classPrefix = "1", int firstSerial = 0)
    {
        var rows = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(2012, 1, 1).AddDays(i % 1000);
            rows.Add(Row($"{classPrefix}{(char)('A' + i % 10)}", "Zażółć", $"Gęślą{i}", birth, firstSerial + i, $"L/{firstSerial + i:D6}",
                $"rodzic{i}@example.pl"));
        }

        return File([.. rows]);
    }
}
