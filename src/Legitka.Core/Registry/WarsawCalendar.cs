namespace Legitka.Registry;

/// <summary>Card dates are Polish calendar dates; timestamps stay in UTC.</summary>
public static class WarsawCalendar
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Warsaw).DateTime);

    /// <summary>A UTC timestamp as a person in Poland reads it.</summary>
    public static string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Warsaw).ToString("yyyy-MM-dd HH:mm");

    /// <summary>Cards are extended yearly to 30 September: the next such date on or after today.</summary>
    public static DateOnly NextSeptember30(DateOnly today)
    {
        var thisYear = new DateOnly(today.Year, 9, 30);
        return today <= thisYear ? thisYear : thisYear.AddYears(1);
    }
}
