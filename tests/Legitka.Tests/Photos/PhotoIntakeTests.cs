using System.IO.Compression;
using Legitka.Audit;
using Legitka.Photos;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Photos;

public sealed class PhotoIntakeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Two_pupils_of_one_name_in_different_classes_need_the_class_in_the_file_name()
    {
        var (schoolId, twins) = await fixture.App.WithDbAsync(async db =>
        {
            var school = await db.Schools.SingleAsync(s => s.Rspo == "987654");
            var classes = await db.Classes.Where(c => c.SchoolId == school.Id).OrderBy(c => c.Name).Take(2).ToListAsync();
            var pupils = classes.Select((c, i) => new Pupil
            {
                SchoolId = school.Id, ClassId = c.Id, GivenNames = "Tymoteusz", FamilyName = "Bliźniak", Pesel = Pesel.Create(new DateOnly(2013, 4, 4), 9000 + i),
                BirthDate = new DateOnly(2013, 4, 4), Address = "ul. Krótka 1",
            }).ToList();
            db.Pupils.AddRange(pupils);
            await db.SaveChangesAsync();
            return (school.Id, pupils);
        });

        await using var scope = fixture.App.Scope();
        var results = await scope.ServiceProvider.GetRequiredService<PhotoIntake>().ImportAsync(schoolId,
            [new PhotoFile("Tymoteusz Bliźniak.jpg", TestImages.Jpeg(600, 772)), new PhotoFile("blizniak tymoteusz 7b.jpg", TestImages.Jpeg(600, 772)),
             new PhotoFile("Tymoteusz Bliźniak 6A.jpg", null)],
            new Actor(null, "test"));

        Assert.Equal(BulkPhotoOutcome.Ambiguous, results[0].Outcome);
        Assert.Equal((BulkPhotoOutcome.Matched, twins[1].Id), (results[1].Outcome, results[1].PupilId));
        Assert.Equal(BulkPhotoOutcome.Refused, results[2].Outcome);
    }

    [Fact]
    public void Zip_entry_larger_than_allowed_is_not_read()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("Duży Plik 6A.jpg", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[3_000_000]); // compresses to a few kilobytes
        }

        zip.Position = 0;
        var file = Assert.Single(PhotoFolder.ReadZip(zip, maxBytes: 1_000_000));
        Assert.Null(file.Data);
    }
}
