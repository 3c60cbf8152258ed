using Legitka.Registry;

namespace Legitka.Tests.Registry;

public sealed class PolishOrderTests
{
    [Fact]
    public void Names_sort_as_in_a_Polish_class_register()
    {
        string[] names = ["Żak", "Zając", "Łukasik", "Lis", "Grabowski", "Górska", "Ćwik", "Czarnecka", "Cichy", "Śliwa", "Sowa", "Szulc", "ostrowska", "Nowak"];
        Assert.Equal(
            ["Cichy", "Czarnecka", "Ćwik", "Górska", "Grabowski", "Lis", "Łukasik", "Nowak", "ostrowska", "Sowa", "Szulc", "Śliwa", "Zając", "Żak"],
            names.Order(PolishOrder.Names));
    }
}
