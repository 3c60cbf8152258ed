using System.Globalization;
using Legitka.Credentials.SdJwtVc;

namespace Legitka.Registry;

/// <summary>Card dates are Polish calendar dates; timestamps stay in UTC.</summary>
public static class WarsawCalendar
{
    public static DateOnly Today(TimeProvider clock) => PolishTime.Today(clock);

    /// <summary>A UTC timestamp as a person in Poland reads it: 29.11.2026 14:05, the way card dates are written too.</summary>
    public static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, PolishTime.Zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC timestamp in Warsaw time for a file name: 2026-11-29-1405, which sorts by time.</summary>
    public static string FileStamp(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, PolishTime.Zone).ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The last day something ending at <paramref name="endUtc"/> still works, as printed on a slip ("ważny do 29.12.2026"):
    /// a code ending at midnight is valid through the day before, not "until 30.12.2026 00:00".
    /// </summary>
    public static string LastDay(DateTime endUtc) =>
        TimeZoneInfo.ConvertTimeFromUtc(endUtc.AddTicks(-1), PolishTime.Zone).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>Cards are extended yearly to 30 September: the next such date on or after today.</summary>
    public static DateOnly NextSeptember30(DateOnly today)
    {
        var thisYear = new DateOnly(today.Year, 9, 30);
        return today <= thisYear ? thisYear : thisYear.AddYears(1);
    }
}
