using System.Security.Cryptography;
using Legitka.Applications;
using Legitka.Audit;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Demo;
using Legitka.Photos;
using Legitka.Readiness;
using Legitka.Registry;

namespace Legitka.Cli.Bench;

/// <summary>The scratch school the benchmarks work on: N pupils in classes of 25, every one ready for codes.</summary>
internal static class ReadyBenchSchool
{
    public const int ClassSize = 25;

    /// <summary>A school whose every pupil has an approved application, an accepted photo and a valid card, every class reported ready.</summary>
    public static async Task<(School School, List<Guid> ClassIds)> CreateAsync(IServiceProvider services, int count, string benchName, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var today = WarsawCalendar.Today(db.Clock);
        var school = new School { Name = $"Szkoła benchmarkowa ({benchName})", Rspo = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), Address = "ul. Testowa 1, 00-001 Warszawa", CreatedAt = now };
        db.Schools.Add(school);
        await db.SaveChangesAsync(ct);

        var (jpeg, portrait) = DemoPortrait.Create(1);
        var classes = new List<SchoolClass>();
        var pupilRows = new List<Pupil>();
        var cards = new List<Card>();
        var applications = new List<MobileIdApplication>();
        var photos = new List<PupilPhoto>();
        var contents = new List<PhotoContent>();
        var reports = new List<ClassReadinessReport>();
        var hash = Convert.ToHexStringLower(SHA256.HashData(jpeg));
        for (var i = 0; i < count; i++)
        {
            if (i % ClassSize == 0)
            {
                var schoolClass = new SchoolClass { SchoolId = school.Id, Name = $"K{i / ClassSize + 1:D3}" };
                classes.Add(schoolClass);
                reports.Add(new ClassReadinessReport
                {
                    SchoolId = school.Id,
                    ClassId = schoolClass.Id,
                    ReportedByName = "bench",
                    ReportedAt = now,
                    LeftOutPupilIds = "[]",
                    ReadyPupils = Math.Min(ClassSize, count - i),
                });
            }

            var birth = new DateOnly(2012, 1, 1).AddDays(i % 365);
            var pupil = new Pupil
            {
                SchoolId = school.Id,
                ClassId = classes[^1].Id,
                GivenNames = "Zofia",
                FamilyName = $"Wójcik-{i:D6}",
                Pesel = Pesel.Create(birth, i % 10_000),
                BirthDate = birth,
                Address = "ul. Testowa 1, 00-001 Warszawa",
                CreatedAt = now,
                UpdatedAt = now,
            };
            pupilRows.Add(pupil);
            cards.Add(new Card { SchoolId = school.Id, PupilId = pupil.Id, Number = $"B/{i:D6}", IssueDate = today.AddDays(-30), ValidUntil = today.AddYears(1) });
            applications.Add(new MobileIdApplication
            {
                SchoolId = school.Id,
                PupilId = pupil.Id,
                Kind = ApplicationKind.Application,
                Source = ApplicationSource.Paper,
                SubmittedByName = "bench",
                SubmittedAt = now,
                State = ApplicationState.Approved,
                DecidedByName = "bench",
                DecidedAt = now,
            });
            var photo = new PupilPhoto
            {
                SchoolId = school.Id,
                PupilId = pupil.Id,
                State = PhotoState.Accepted,
                Source = PhotoSource.Staff,
                UploadedByName = "bench",
                UploadedAt = now,
                Width = 492,
                Height = 633,
                ContentHash = hash,
                ReviewedByName = "bench",
                ReviewedAt = now,
            };
            photos.Add(photo);
            contents.Add(new PhotoContent { PhotoId = photo.Id, Jpeg = jpeg, PortraitJpeg = portrait });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, classes, ct);
        await BulkInsert.InsertAsync(db, pupilRows, ct);
        await BulkInsert.InsertAsync(db, cards, ct);
        await BulkInsert.InsertAsync(db, applications, ct);
        await BulkInsert.InsertAsync(db, photos, ct);
        await BulkInsert.InsertAsync(db, contents, ct);
        await BulkInsert.InsertAsync(db, reports, ct);
        await transaction.CommitAsync(ct);
        // As an import of that size does: otherwise PostgreSQL plans the batch's queries for empty tables.
        await TableStatistics.RefreshAsync(db, [typeof(Pupil), typeof(Card), typeof(MobileIdApplication), typeof(PupilPhoto), typeof(ClassReadinessReport)]);
        return (school, classes.Select(c => c.Id).ToList());
    }

    /// <summary>
    /// Codes for the classes, run to the end in this process as `legitka codes generate --replace-unused` makes them (so
    /// that a second run replaces every code); the batch and the number of codes made.
    /// </summary>
    public static async Task<(CodeBatch Batch, int Codes)> GenerateCodesAsync(CodeGenerator generator, Guid schoolId, List<Guid> classIds, CancellationToken ct)
    {
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, null, holdLease: true, replaceUnusedCodes: true, ct);
        var batch = request.Batch ?? throw new InvalidOperationException(request.Outcome.Message);
        return (batch, await generator.RunAsync(batch, null, ct));
    }
}
