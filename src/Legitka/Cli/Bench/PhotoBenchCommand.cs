using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Legitka.Photos;

namespace Legitka.Cli.Bench;

/// <summary>
/// `legitka bench photos`: the single-photo figures of <see cref="PhotoBench"/> (a ~5 MB upload upright and sideways,
/// typical uploads), then a ZIP of N phone photos read, matched and normalized the way `import photos` does it on all
/// cores, without a database.
/// </summary>
internal static class PhotoBenchCommand
{
    public static Command Create()
    {
        var photos = new Option<int>("--zip-photos") { Description = "Photos in the ZIP.", DefaultValueFactory = _ => 1000 };
        var command = new Command("photos", "Time photo checks: a ~5 MB JPEG, typical uploads, and a ZIP of many.") { photos };
        command.SetAction((parse, _) =>
        {
            var single = PhotoBench.Run(largeRuns: 5, typicalPhotos: 50);
            var count = parse.GetValue(photos);
            var zip = Zip(count);
            var watch = Stopwatch.StartNew();
            using var stream = new MemoryStream(zip);
            var files = PhotoFolder.ReadZip(stream, PhotoRules.Seed.MaxBytes);
            var accepted = 0;
            Parallel.ForEach(files, file =>
            {
                if (PhotoNormalizer.Check(file.Data!, PhotoRules.Seed).Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
            });
            watch.Stop();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                large_bytes = single.LargeBytes,
                large_median_ms = Math.Round(single.LargeMedianMs, 1),
                large_max_ms = Math.Round(single.LargeMs.Max(), 1),
                sideways_median_ms = Math.Round(single.SidewaysMedianMs, 1),
                typical_ms_each = Math.Round(single.TypicalPerPhotoMs, 1),
                zip_photos = count,
                zip_bytes = zip.Length,
                zip_accepted = accepted,
                zip_seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
                cores = single.Cores,
            }));
            return Task.FromResult(0);
        });
        return command;
    }

    private static byte[] Zip(int count)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A handful of distinct phone photos (~1000×1290) under different names keeps the set-up short.
            var samples = Enumerable.Range(0, 8).Select(i => PhotoBench.NoisyJpeg(1000, 1290, quality: 88, seed: 100 + i)).ToArray();
            for (var i = 0; i < count; i++)
            {
                using var entry = archive.CreateEntry($"Uczeń{i} Testowy 1A.jpg", CompressionLevel.NoCompression).Open();
                entry.Write(samples[i % samples.Length]);
            }
        }

        return output.ToArray();
    }
}
