namespace Legitka.Registry;

/// <summary>The Polish national identification number: 11 digits, birth date inside, weighted checksum last.</summary>
public static class Pesel
{
    private static readonly int[] Weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

    public static bool HasValidChecksum(string pesel)
    {
        if (pesel.Length != 11 || !pesel.All(char.IsAsciiDigit))
        {
            return false;
        }

        return pesel[10] - '0' == CheckDigit(pesel.AsSpan(0, 10));
    }

    /// <summary>The birth date encoded in the first six digits; the month carries the century.</summary>
    public static DateOnly? BirthDate(string pesel)
    {
        if (pesel.Length != 11 || !pesel.All(char.IsAsciiDigit))
        {
            return null;
        }

        var yy = int.Parse(pesel.AsSpan(0, 2));
        var mm = int.Parse(pesel.AsSpan(2, 2));
        var dd = int.Parse(pesel.AsSpan(4, 2));
        var (century, month) = (mm / 20) switch
        {
            0 => (1900, mm),
            1 => (2000, mm - 20),
            2 => (2100, mm - 40),
            3 => (2200, mm - 60),
            _ => (1800, mm - 80),
        };
        var year = century + yy;
        if (month is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, dd);
    }

    /// <summary>Builds a valid PESEL for a birth date and serial (four digits, the last odd for males).</summary>
    public static string Create(DateOnly birthDate, int serial)
    {
        var monthOffset = birthDate.Year switch
        {
            < 1900 => 80,
            < 2000 => 0,
            < 2100 => 20,
            < 2200 => 40,
            _ => 60,
        };
        var first10 = $"{birthDate.Year % 100:D2}{birthDate.Month + monthOffset:D2}{birthDate.Day:D2}{serial % 10000:D4}";
        return first10 + CheckDigit(first10);
    }

    private static int CheckDigit(ReadOnlySpan<char> first10)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += (first10[i] - '0') * Weights[i];
        }

        return (10 - sum % 10) % 10;
    }
}
