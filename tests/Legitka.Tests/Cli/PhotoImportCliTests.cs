using System.IO.Compression;
using System.Text.Json;
using Legitka.Photos;
using Legitka.Tests.Infrastructure;
using Legitka.Tests.Photos;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Cli;

/// <summary>`legitka import photos` with a ZIP as the secretary receives it by e-mail.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PhotoImportCliTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Zip_loads_good_photos_reports_the_rest_and_a_rerun_adds_nothing()
    {
        var pupils = await fixture.App.WithDbAsync(db => db.Pupils
            .Where(p => db.Classes.Any(c => c.Id == p.ClassId && c.Name == "7B"))
            .OrderBy(p => p.Id).Take(2).Select(p => new { p.Id, p.GivenNames, p.FamilyName }).ToListAsync());
        var zip = Path.Combine(fixture.App.Database.DataDirectory, "zdjecia.zip");
        await using (var file = File.Create(zip))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            void Add(string name, byte[] data)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(data);
            }

            Add($"{pupils[0].GivenNames} {pupils[0].FamilyName} 7B.jpg", TestImages.SidewaysWithGps(600, 772));
            Add($"{PhotoFileNames.Normalize(pupils[1].FamilyName)}_{PhotoFileNames.Normalize(pupils[1].GivenNames)}_7b.JPEG", TestImages.Jpeg(300, 386));
            Add("Nieznany Uczeń 7B.jpg", TestImages.Jpeg(600, 772));
            Add("__MACOSX/._ignored.jpg", [1, 2, 3]);
        }

        string[] args = ["import", "photos", zip, "--json", .. fixture.App.Database.ConfigurationArgs];
        var (exit, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(("matched", pupils[0].Id.ToString()), (lines[0].GetProperty("result").GetString(), lines[0].GetProperty("pupil_id").GetString()));
        Assert.Equal("refused", lines[1].GetProperty("result").GetString());
        Assert.Contains("300×386", lines[1].GetProperty("reason").GetString());
        Assert.Equal("unmatched", lines[2].GetProperty("result").GetString());
        Assert.Contains("1 of 3 file(s) loaded", error);

        var again = await CliRunner.RunAsync(args);
        Assert.Equal(2, again.ExitCode);
        var stored = await fixture.App.WithDbAsync(db => db.Photos.Where(p => p.PupilId == pupils[0].Id).ToListAsync());
        var photo = Assert.Single(stored);
        Assert.Equal((PhotoState.Pending, PhotoSource.BulkImport, 600, 772), (photo.State, photo.Source, photo.Width, photo.Height));
    }
}
