using Legitka.Applications;
using Legitka.Photos;
using Legitka.Readiness;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Issuance;

/// <summary>The demo has one ready class (8D); batch tests need a second.</summary>
internal static class ReadyClasses
{
    /// <summary>8C gets approved applications and accepted photos and is reported ready, beside the demo's 8D.</summary>
    public static Task<(Guid SchoolId, List<Guid> ClassIds)> MakeSecondClassReadyAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var classes = await db.Classes.Where(c => c.Name == "8C" || c.Name == "8D").OrderBy(c => c.Name).ToListAsync();
        var c8 = classes[0];
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var pupils = await db.Pupils.Where(p => p.ClassId == c8.Id).ToListAsync();
        foreach (var pupil in pupils)
        {
            db.Applications.Add(new MobileIdApplication
            {
                SchoolId = pupil.SchoolId, PupilId = pupil.Id, Kind = ApplicationKind.Application, Source = ApplicationSource.Paper,
                SubmittedByName = "test", SubmittedAt = now, State = ApplicationState.Approved, DecidedByName = "test", DecidedAt = now,
            });
            var photo = new PupilPhoto
            {
                SchoolId = pupil.SchoolId, PupilId = pupil.Id, State = PhotoState.Accepted, Source = PhotoSource.Staff, UploadedByName = "test",
                UploadedAt = now, Width = 492, Height = 633, ContentHash = Guid.NewGuid().ToString("N"),
            };
            db.Photos.Add(photo);
            db.PhotoContents.Add(new PhotoContent { PhotoId = photo.Id, Jpeg = [0xFF, 0xD8, 0xFF, 0xD9], PortraitJpeg = [0xFF, 0xD8, 0xFF, 0xD9] });
        }

        db.ReadinessReports.Add(new ClassReadinessReport
        {
            SchoolId = c8.SchoolId, ClassId = c8.Id, ReportedByName = "test", ReportedAt = now, LeftOutPupilIds = "[]", ReadyPupils = pupils.Count,
        });
        await db.SaveChangesAsync();
        return (c8.SchoolId, classes.Select(c => c.Id).ToList());
    });
}
