using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Legitka.Codes.Slips;

namespace Legitka.Benchmarks;

/// <summary>
/// The activation-slip PDF for a whole school (1,000 pupils, 125 pages) and for one class (30 pupils). The budget for
/// "codes and PDF for 1,000 pupils" is 5 s; the PDF's share should stay well under 2 s.
/// </summary>
/// <remarks><c>dotnet run -c Release --project bench/Legitka.Benchmarks -- --filter '*Slip*' --job short</c></remarks>
[MemoryDiagnoser]
public class SlipBenchmarks
{
    private SlipSheet _school = null!;
    private SlipSheet _class = null!;

    [GlobalSetup]
    public void Setup()
    {
        var slips = Enumerable.Range(0, 1000).Select(i =>
        {
            var id = Base64Url(RandomNumberGenerator.GetBytes(32));
            var offer = "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString($"https://school.example/offers/{id}");
            var code = RandomNumberGenerator.GetInt32(100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            return new Slip($"Uczeń Żółćwski-Gęślak {i}", $"{1 + i % 8}{(char)('a' + i % 4)}", offer, code, new DateTimeOffset(2026, 12, 24, 23, 0, 0, TimeSpan.Zero));
        }).ToList();
        _school = new SlipSheet("Szkoła Podstawowa nr 12 im. Marii Skłodowskiej-Curie w Łodzi", "ul. Źródłowa 5, 91-733 Łódź", slips);
        _class = _school with { Slips = slips[..30] };
        Console.WriteLine($"// 1,000 slips: {SlipPdf.Render(_school).Length:N0} bytes; 30 slips: {SlipPdf.Render(_class).Length:N0} bytes");
    }

    [Benchmark]
    public byte[] Slips1000() => SlipPdf.Render(_school);

    [Benchmark]
    public byte[] Slips30() => SlipPdf.Render(_class);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
