using Legitka.Codes;

namespace Legitka.Tests.Codes;

public sealed class CodeExpiryTests
{
    [Theory]
    // 10:15 in Warsaw (CET): 30 days on is 29.12, and the code works until that day's end, 23:00 UTC.
    [InlineData("2026-11-29T09:15:00Z", 30, "2026-12-29T23:00:00Z")]
    // 00:30 on 30.11 in Warsaw although still 29.11 in UTC: the days count from the Polish date.
    [InlineData("2026-11-29T23:30:00Z", 7, "2026-12-07T23:00:00Z")]
    // Issued in winter time, ending in summer time: midnight in Warsaw is then 22:00 UTC.
    [InlineData("2026-03-20T12:00:00Z", 30, "2026-04-19T22:00:00Z")]
    public void A_code_works_through_the_whole_last_day_in_Warsaw(string issued, int days, string expires)
    {
        Assert.Equal(DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture),
            CodeRules.ExpiresAt(DateTimeOffset.Parse(issued, System.Globalization.CultureInfo.InvariantCulture), days));
    }
}
