namespace Legitka.Credentials.SdJwtVc;

/// <summary>Card dates are calendar dates in Poland (Europe/Warsaw); credential timestamps are instants.</summary>
public static class PolishTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    /// <summary>The instant a card valid through <paramref name="lastValidDay"/> stops being valid: the following midnight in Warsaw.</summary>
    public static DateTimeOffset EndOf(DateOnly lastValidDay)
    {
        var midnight = lastValidDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>Completed years of age on <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        int age = day.Year - birthDate.Year;
        return day < birthDate.AddYears(age) ? age - 1 : age;
    }
}
