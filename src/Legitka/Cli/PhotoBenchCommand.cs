using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Legitka.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Cli;

/// <summary>
/// `legitka bench photos`: checking and normalizing one photo of nearly 5 MB, and a ZIP of N phone-sized photos read,
/// matched and normalized the way `import photos` does it (all cores), without a database.
/// </summary>
internal static class PhotoBenchCommand
{
    public static Command Create()
    {
        var photos = new Option<int>("--zip-photos") { Description = "Photos in the ZIP.", DefaultValueFactory = _ => 1000 };
        var command = new Command("photos", "Time photo checks: one ~5 MB JPEG, and a ZIP of many.") { photos };
        command.SetAction((parse, _) =>
        {
            var big = Photo(2480, 3190, quality: 94, seed: 1);
            var rules = PhotoRules.Seed;
            PhotoNormalizer.Check(big, rules); // warm-up
            var single = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                var check = PhotoNormalizer.Check(big, rules);
                single.Add(watch.Elapsed.TotalMilliseconds);
                if (check.Photo is null)
                {
                    throw new InvalidOperationException("The benchmark photo was refused: " + check.Refusal);
                }
            }

            var count = parse.GetValue(photos);
            var zip = Zip(count);
            var zipWatch = Stopwatch.StartNew();
            using var stream = new MemoryStream(zip);
            var files = PhotoFolder.ReadZip(stream, rules.MaxBytes);
            var accepted = 0;
            Parallel.ForEach(files, file =>
            {
                if (PhotoNormalizer.Check(file.Data!, rules).Photo is not null)
                {
                    Interlocked.Increment(ref accepted);
                }
            });
            zipWatch.Stop();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                photo_bytes = big.Length,
                photo_px = "2480x3190",
                single_ms_median = Math.Round(single.Order().ElementAt(single.Count / 2), 1),
                single_ms_max = Math.Round(single.Max(), 1),
                zip_photos = count,
                zip_bytes = zip.Length,
                zip_accepted = accepted,
                zip_seconds = Math.Round(zipWatch.Elapsed.TotalSeconds, 2),
                cores = Environment.ProcessorCount,
            }));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Noise-rich pixels, so the JPEG is as large as a real high-quality photo of that size.</summary>
    private static byte[] Photo(int width, int height, int quality, int seed)
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
                    var n = random.Next(64);
                    row[x] = new Rgb24((byte)(x * 191 / width + n), (byte)(y * 191 / height + n), (byte)(128 + n));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality });
        return output.ToArray();
    }

    private static byte[] Zip(int count)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A handful of distinct phone photos (~1000×1290) reused under different names keeps set-up short.
            var samples = Enumerable.Range(0, 8).Select(i => Photo(1000, 1290, quality: 88, seed: 100 + i)).ToArray();
            for (var i = 0; i < count; i++)
            {
                using var entry = archive.CreateEntry($"Uczeń{i} Testowy 1A.jpg", CompressionLevel.NoCompression).Open();
                entry.Write(samples[i % samples.Length]);
            }
        }

        return output.ToArray();
    }
}
