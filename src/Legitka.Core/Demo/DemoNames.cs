namespace Legitka.Demo;

/// <summary>Realistic Polish names and streets for the demo school (with diacritics on purpose).</summary>
internal static class DemoNames
{
    public static readonly string[] GirlNames =
    [
        "Zofia", "Zuzanna", "Hanna", "Julia", "Maja", "Lena", "Alicja", "Oliwia", "Łucja", "Małgorzata",
        "Weronika", "Agnieszka", "Jadwiga", "Katarzyna", "Natalia", "Gabriela", "Wiktoria", "Ewa", "Joanna", "Bożena",
    ];

    public static readonly string[] BoyNames =
    [
        "Jan", "Antoni", "Jakub", "Szymon", "Franciszek", "Mikołaj", "Stanisław", "Wojciech", "Kacper", "Michał",
        "Łukasz", "Paweł", "Mateusz", "Bartłomiej", "Filip", "Tomasz", "Krzysztof", "Józef", "Maciej", "Przemysław",
    ];

    /// <summary>Surnames as (masculine, feminine) pairs: Polish surnames ending in -ski/-cki agree with gender.</summary>
    public static readonly (string Male, string Female)[] Surnames =
    [
        ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"),
        ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
        ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"),
        ("Jankowski", "Jankowska"), ("Mazur", "Mazur"), ("Kwiatkowski", "Kwiatkowska"), ("Krawczyk", "Krawczyk"),
        ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"), ("Nowakowski", "Nowakowska"), ("Pawłowski", "Pawłowska"),
        ("Michalski", "Michalska"), ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
        ("Wróbel", "Wróbel"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"), ("Stępień", "Stępień"),
        ("Jaworski", "Jaworska"), ("Malinowski", "Malinowska"), ("Górski", "Górska"), ("Żak", "Żak"),
        ("Sikora", "Sikora"), ("Błaszczyk", "Błaszczyk"), ("Łuczak", "Łuczak"), ("Ślusarczyk", "Ślusarczyk"),
    ];

    public static readonly string[] Streets =
    [
        "ul. Marszałkowska", "ul. Świętokrzyska", "ul. Żelazna", "ul. Grzybowska", "ul. Chłodna", "al. Jana Pawła II",
        "ul. Ogrodowa", "ul. Łucka", "ul. Złota", "ul. Śliska", "ul. Pańska", "ul. Sienna", "ul. Krochmalna", "ul. Wroniej",
    ];
}
