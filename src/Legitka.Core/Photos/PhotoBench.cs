using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Photos;

/// <summary>
/// Measures the photo pipeline on photos made here (no files needed): a large upload near the 5 MB limit, run
/// several times, stored upright and stored sideways with an EXIF orientation (a phone's usual case: the turn
/// costs), and a set of typical 300–800 KB uploads, as in a class's ZIP. Run by
/// <c>legitka bench photos</c>, which also times the ZIP path.
/// </summary>
public static class PhotoBench
{
    public const int LargeWidth = 2976;
    public const int LargeHeight = 3830;

    public static PhotoBenchReport Run(int largeRuns = 10, int typicalPhotos = 100)
    {
        var rules = PhotoRules.Seed;
        // 2976×3830 at quality 95 with this noise is about 5 MB: as large as the seeds' limit lets through.
        var large = NoisyJpeg(LargeWidth, LargeHeight, quality: 95, seed: 1, noise: 6);
        var sideways = NoisyJpeg(LargeHeight, LargeWidth, quality: 95, seed: 1, noise: 6, orientation: 6);
        Time(large, rules); // loads and JIT-compiles the decoder: not part of any figure
        var largeMs = Enumerable.Range(0, largeRuns).Select(_ => Time(large, rules)).ToList();
        var sidewaysMs = Enumerable.Range(0, largeRuns).Select(_ => Time(sideways, rules)).ToList();

        var typical = Enumerable.Range(0, typicalPhotos)
            .Select(i => NoisyJpeg(1200 + (i % 5 * 60), 1543 + (i % 5 * 77), quality: 88, seed: 100 + i, noise: 10 + (i % 4 * 4)))
            .ToList();
        var watch = Stopwatch.StartNew();
        foreach (var photo in typical)
        {
            Time(photo, rules);
        }

        watch.Stop();
        return new PhotoBenchReport(large.Length, largeMs, sidewaysMs, typical.Count, typical.Average(p => (double)p.Length),
            watch.Elapsed.TotalMilliseconds, Environment.ProcessorCount);
    }

    /// <summary>
    /// A portrait-shaped JPEG with a gradient under seeded noise: noise is what makes JPEGs large and slow, so
    /// <paramref name="noise"/> (± per channel) sets the file size at a given quality.
    /// </summary>
    /// <param name="orientation">EXIF orientation written with the pixels, which stay as generated (1: none written).</param>
    public static byte[] NoisyJpeg(int width, int height, int quality, int seed, int noise = 40, ushort orientation = 1)
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
        if (orientation != 1)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        }

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
    IReadOnlyList<double> SidewaysMs,
    int TypicalCount,
    double TypicalAverageBytes,
    double TypicalTotalMs,
    int Cores)
{
    public double LargeMedianMs => Median(LargeMs);

    public double SidewaysMedianMs => Median(SidewaysMs);

    public double TypicalPerPhotoMs => TypicalTotalMs / TypicalCount;

    public override string ToString() =>
        $"large: {LargeBytes / 1024.0 / 1024.0:0.00} MB, {PhotoBench.LargeWidth}×{PhotoBench.LargeHeight}, {LargeMs.Count} runs: "
        + $"median {LargeMedianMs:0} ms (min {LargeMs.Min():0}, max {LargeMs.Max():0}); stored sideways (EXIF 6): median {SidewaysMedianMs:0} ms "
        + $"(min {SidewaysMs.Min():0}, max {SidewaysMs.Max():0}); "
        + $"typical: {TypicalCount} photos of {TypicalAverageBytes / 1024:0} KB on average: {TypicalPerPhotoMs:0} ms each "
        + $"({TypicalTotalMs / 1000:0.0} s in all, one thread); {Cores} cores";

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);
}
