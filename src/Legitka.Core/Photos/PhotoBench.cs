using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Photos;

/// <summary>
/// Measures the photo pipeline on photos made here (no files needed): one large upload near the 5 MB limit, run
/// several times, and a set of typical 300–800 KB phone-sized uploads, as in a class's ZIP. To be wired to
/// <c>legitka bench photos</c>; until then run by the explicit test <c>PhotoBenchTests</c>.
/// </summary>
public static class PhotoBench
{
    public static PhotoBenchReport Run(int largeRuns = 10, int typicalPhotos = 100)
    {
        var rules = PhotoRules.Seed;
        var large = NoisyJpeg(3000, 3860, quality: 95, seed: 1, noise: 20);
        var largeMs = new List<double>();
        for (var run = 0; run <= largeRuns; run++)
        {
            var ms = Time(large, rules);
            if (run > 0)
            {
                largeMs.Add(ms); // run 0 loads and JIT-compiles the decoder: measured apart
            }
        }

        var typical = Enumerable.Range(0, typicalPhotos)
            .Select(i => NoisyJpeg(1200 + (i % 5 * 60), 1543 + (i % 5 * 77), quality: 88, seed: 100 + i, noise: 10))
            .ToList();
        var watch = Stopwatch.StartNew();
        foreach (var photo in typical)
        {
            Time(photo, rules);
        }

        watch.Stop();
        return new PhotoBenchReport(large.Length, largeMs, typical.Count, typical.Average(p => (double)p.Length),
            watch.Elapsed.TotalMilliseconds, Environment.ProcessorCount);
    }

    /// <summary>
    /// A portrait-shaped JPEG with a gradient under seeded noise: noise is what makes JPEGs large and slow, so
    /// <paramref name="noise"/> (± per channel) sets the file size at a given quality.
    /// </summary>
    public static byte[] NoisyJpeg(int width, int height, int quality, int seed, int noise = 40)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24(Noisy(x * 255 / width), Noisy(y * 255 / height), Noisy(128));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality });
        return output.ToArray();

        byte Noisy(int value) => (byte)Math.Clamp(value + random.Next(-noise, noise + 1), 0, 255);
    }

    private static double Time(byte[] jpeg, PhotoRules rules)
    {
        var start = Stopwatch.GetTimestamp();
        var check = PhotoNormalizer.Check(jpeg, rules);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        // A refused photo would be measuring the refusal: a bench photo that fails the rules is a bug here.
        return check.Accepted ? elapsed : throw new InvalidOperationException($"Bench photo refused: {check.Refusal.Code}");
    }
}

/// <summary>Timings of <see cref="PhotoBench.Run"/>, in milliseconds.</summary>
public sealed record PhotoBenchReport(
    int LargeBytes,
    IReadOnlyList<double> LargeMs,
    int TypicalCount,
    double TypicalAverageBytes,
    double TypicalTotalMs,
    int Cores)
{
    public double LargeMedianMs => LargeMs.Order().ElementAt(LargeMs.Count / 2);

    public double LargeMaxMs => LargeMs.Max();

    public double TypicalPerPhotoMs => TypicalTotalMs / TypicalCount;

    public override string ToString() =>
        $"large: {LargeBytes / 1024.0 / 1024.0:0.00} MB, 3000×3860, {LargeMs.Count} runs: median {LargeMedianMs:0} ms, max {LargeMaxMs:0} ms; "
        + $"typical: {TypicalCount} photos of {TypicalAverageBytes / 1024:0} KB on average: {TypicalPerPhotoMs:0} ms each "
        + $"({TypicalTotalMs / 1000:0.0} s in all, one thread); {Cores} cores";
}
