using Legitka.Photos;
using Legitka.Registry;

namespace Legitka.Tests.Photos;

public sealed class PhotoFileNamesTests
{
    private static readonly SchoolClass A1 = new() { Name = "1A" };
    private static readonly SchoolClass B2 = new() { Name = "2B" };
    private static readonly Pupil Jan = Pupil("Jan", "Kowalski", A1);
    private static readonly Pupil Lucja = Pupil("Łucja Maria", "Żak-Wąsowicz", A1);
    private static readonly Pupil JanB = Pupil("Jan", "Kowalski", B2);
    private static readonly Pupil Zofia = Pupil("Zofia", "Nowak", B2);
    private static readonly PhotoFileNames Names = new([A1, B2], [Jan, Lucja, JanB, Zofia]);

    private static Pupil Pupil(string given, string family, SchoolClass c) =>
        new() { GivenNames = given, FamilyName = family, ClassId = c.Id, Address = "", BirthDate = new DateOnly(2012, 1, 1) };

    [Theory]
    [InlineData("Jan Kowalski 1A.jpg")]
    [InlineData("kowalski_jan_1a.jpeg")]
    [InlineData("KOWALSKI-JAN-1A.JPG")]
    [InlineData("Jan Kowalski 1 A.jpg")]
    public void Name_and_class_in_any_order_and_case_match_one_pupil(string file) =>
        Assert.Same(Jan, Assert.Single(Names.Candidates(file)));

    [Theory]
    [InlineData("lucja zak wasowicz 1a.jpg")]
    [InlineData("Łucja Maria Żak-Wąsowicz 1A.jpg")]
    [InlineData("zak-wasowicz_maria_1A.jpg")]
    public void Diacritics_double_names_and_hyphens_are_understood(string file) =>
        Assert.Same(Lucja, Assert.Single(Names.Candidates(file)));

    [Fact]
    public void Same_name_in_two_classes_without_a_class_is_ambiguous() =>
        Assert.Equal(2, Names.Candidates("Jan Kowalski.jpg").Count);

    [Theory]
    [InlineData("Jan Nowak 1A.jpg")] // no such pupil
    [InlineData("Zofia Nowak 1A.jpg")] // right name, wrong class
    [InlineData("Kowalski 1A.jpg")] // no given name
    [InlineData("1A.jpg")]
    [InlineData("IMG_2024.jpg")]
    public void Files_that_name_nobody_match_nothing(string file) => Assert.Empty(Names.Candidates(file));
}
