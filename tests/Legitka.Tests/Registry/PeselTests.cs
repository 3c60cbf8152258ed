using Legitka.Registry;

namespace Legitka.Tests.Registry;

public sealed class PeselTests
{
    [Theory]
    [InlineData("44051401359", 1944, 5, 14)] // the example used by the Ministry of Digital Affairs
    [InlineData("02270803624", 2002, 7, 8)]
    public void Valid_pesel_passes_and_yields_its_birth_date(string pesel, int year, int month, int day)
    {
        Assert.True(Pesel.HasValidChecksum(pesel));
        Assert.Equal(new DateOnly(year, month, day), Pesel.BirthDate(pesel));
    }

    [Theory]
    [InlineData("44051401358")] // wrong check digit
    [InlineData("4405140135")] // too short
    [InlineData("4405140135a")]
    [InlineData("")]
    public void Invalid_pesel_is_refused(string pesel) => Assert.False(Pesel.HasValidChecksum(pesel));

    [Fact]
    public void Impossible_date_inside_a_pesel_is_reported() => Assert.Null(Pesel.BirthDate("02223012345")); // 30 February 2002

    [Theory]
    [InlineData(1899, 12, 31)]
    [InlineData(1999, 1, 1)]
    [InlineData(2014, 2, 28)]
    [InlineData(2100, 6, 15)]
    public void Created_pesel_round_trips_across_centuries(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var pesel = Pesel.Create(date, 1234);
        Assert.True(Pesel.HasValidChecksum(pesel));
        Assert.Equal(date, Pesel.BirthDate(pesel));
    }
}
