using Legitka.Photos;

namespace Legitka.Tests.Photos;

public sealed class PhotoRulesTests
{
    [Fact]
    public void Presets_hold_the_seed_and_the_2025_central_limits()
    {
        Assert.Equal((5 * 1024 * 1024, 492, 633), (PhotoRules.Seed.MaxBytes, PhotoRules.Seed.MinWidth, PhotoRules.Seed.MinHeight));
        Assert.Equal((2_621_440, 246, 304), (PhotoRules.Central2025.MaxBytes, PhotoRules.Central2025.MinWidth, PhotoRules.Central2025.MinHeight));
    }

    [Fact]
    public void Tolerance_admits_phone_and_print_crops_and_the_central_minimum_but_not_2_to_3()
    {
        var rules = PhotoRules.Seed;
        Assert.InRange(3.0 / 4, rules.MinAspect, rules.MaxAspect);
        Assert.InRange(4.0 / 5, rules.MinAspect, rules.MaxAspect);
        Assert.InRange(246.0 / 304, rules.MinAspect, rules.MaxAspect);
        Assert.False(2.0 / 3 >= rules.MinAspect);
    }

    [Theory]
    [InlineData(0, 492, 633, 0.05)]
    [InlineData(-1, 492, 633, 0.05)]
    [InlineData(100 * 1024 * 1024, 492, 633, 0.05)]
    [InlineData(5_000_000, 0, 633, 0.05)]
    [InlineData(5_000_000, 100, 633, 0.05)] // would make the 240×300 portrait an enlargement
    [InlineData(5_000_000, 492, 20_000, 0.05)]
    [InlineData(5_000_000, 492, 633, 0)]
    [InlineData(5_000_000, 492, 633, 0.9)]
    public void Nonsense_rules_fail_at_once(int maxBytes, int minWidth, int minHeight, double tolerance) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoRules(maxBytes, minWidth, minHeight, tolerance));

    [Fact]
    public void A_with_copy_is_validated_too() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PhotoRules.Seed with { MaxBytes = 0 });

    [Fact]
    public void Rules_follow_the_school_settings()
    {
        var school = new Legitka.Registry.School { Name = "SP 1", Rspo = "1", Address = "Warszawa", PhotoMaxBytes = 2_621_440, PhotoMinWidth = 246, PhotoMinHeight = 304 };
        Assert.Equal(PhotoRules.Central2025, PhotoRules.For(school));
    }
}
