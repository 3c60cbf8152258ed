using Legitka.Photos;

namespace Legitka.Tests.Photos;

/// <summary>
/// The photo benchmark, explicit so that the ordinary test run stays quick:
/// <c>dotnet run -c Release --project tests/Legitka.Tests -- -class Legitka.Tests.Photos.PhotoBenchTests -explicit only</c>.
/// </summary>
public sealed class PhotoBenchTests
{
    [Fact(Explicit = true)]
    public void Five_MB_photo_is_validated_and_normalized_within_300_ms()
    {
        var report = PhotoBench.Run();
        TestContext.Current.SendDiagnosticMessage(report.ToString());
        Console.WriteLine(report);
        Assert.InRange(report.LargeBytes, 4_500_000, PhotoRules.Seed.MaxBytes);
        Assert.True(report.LargeMedianMs <= 300, report.ToString());
        Assert.True(report.SidewaysMedianMs <= 300, report.ToString());
    }
}
