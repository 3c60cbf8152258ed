using Legitka.Access;
using Legitka.Applications;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Procedure;
using Legitka.Readiness;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Procedure;

/// <summary>Steps 1–4 through the services, on the database this run targets: apply, decide, review, report ready.</summary>
public sealed class ProcedureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<Viewer> ViewerAsync(string email) => await fixture.App.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var memberships = await db.StaffMemberships.Where(m => m.UserId == user.Id).ToListAsync();
        return new Viewer(user.Id, user.DisplayName, email, memberships);
    });

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = fixture.App.Scope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A pending photo stored directly: the upload pipeline has its own tests.</summary>
    private Task<Guid> AddPendingPhotoAsync(Guid pupilId) => fixture.App.WithDbAsync(async db =>
    {
        var pupil = await db.Pupils.SingleAsync(p => p.Id == pupilId);
        var photo = new PupilPhoto
        {
            SchoolId = pupil.SchoolId, PupilId = pupilId, State = PhotoState.Pending, Source = PhotoSource.Guardian, UploadedByName = "test",
            UploadedAt = db.Clock.GetUtcNow().UtcDateTime, Width = 492, Height = 633, ContentHash = Guid.NewGuid().ToString("N"),
        };
        db.Photos.Add(photo);
        db.PhotoContents.Add(new PhotoContent { PhotoId = photo.Id, Jpeg = [0xFF, 0xD8, 0xFF, 0xD9], PortraitJpeg = [0xFF, 0xD8, 0xFF, 0xD9] });
        await db.SaveChangesAsync();
        return photo.Id;
    });

    [Fact]
    public async Task Guardian_applies_director_decides_and_only_once()
    {
        var guardian = await ViewerAsync("rodzic@legitka.test");
        var director = await ViewerAsync("dyrektor@sp7.legitka.test");
        var secretary = await ViewerAsync("sekretariat@sp7.legitka.test");
        var child = await fixture.App.WithDbAsync(db => db.Pupils.FirstAsync(p => db.PupilGuardians.Any(g => g.PupilId == p.Id)));
        var stranger = await fixture.App.WithDbAsync(db => db.Pupils.FirstAsync(p => !db.PupilGuardians.Any(g => g.PupilId == p.Id)));

        Assert.True((await WithAsync(s => s.GetRequiredService<ApplicationDesk>().SubmitAsync(guardian, child.Id))).Succeeded);
        Assert.Equal("already_filed", (await WithAsync(s => s.GetRequiredService<ApplicationDesk>().SubmitAsync(guardian, child.Id))).Code);
        Assert.Same(ProcedureResult.NotFound, await WithAsync(s => s.GetRequiredService<ApplicationDesk>().SubmitAsync(guardian, stranger.Id)));

        var pending = await WithAsync(s => s.GetRequiredService<ApplicationDesk>().PendingAsync(director, child.SchoolId));
        var application = Assert.Single(pending, a => a.PupilId == child.Id);
        Assert.Same(ProcedureResult.NotFound, await WithAsync(s => s.GetRequiredService<ApplicationDesk>().DecideAsync(secretary, application.Id, true, null)));
        Assert.Equal("reason_required", (await WithAsync(s => s.GetRequiredService<ApplicationDesk>().DecideAsync(director, application.Id, false, " "))).Code);
        Assert.True((await WithAsync(s => s.GetRequiredService<ApplicationDesk>().DecideAsync(director, application.Id, true, null))).Succeeded);
        Assert.Equal("already_decided", (await WithAsync(s => s.GetRequiredService<ApplicationDesk>().DecideAsync(director, application.Id, false, "x"))).Code);
        Assert.True(await fixture.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "application.approved" && e.EntityId == application.Id.ToString())));
        var mail = await fixture.App.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == "rodzic@legitka.test" && m.Subject.Contains(child.FamilyName)));
        Assert.Contains("wniosek zatwierdzony", mail.Subject);
        Assert.Contains($"/pupils/{child.Id}", mail.Body);
    }

    [Fact]
    public async Task Teacher_reviews_only_their_class_and_a_rejection_needs_a_reason()
    {
        var teacher6A = await ViewerAsync("wychowawca.6a@sp7.legitka.test");
        var teacher7B = await ViewerAsync("wychowawca.7b@sp7.legitka.test");
        var pupil = await fixture.App.WithDbAsync(db => db.Pupils.OrderBy(p => p.FamilyName).FirstAsync(p => db.Classes.Any(c => c.Id == p.ClassId && c.Name == "6A")));
        var first = await AddPendingPhotoAsync(pupil.Id);

        Assert.Contains(await WithAsync(s => s.GetRequiredService<PhotoReview>().QueueAsync(teacher6A, null)), i => i.PhotoId == first);
        Assert.DoesNotContain(await WithAsync(s => s.GetRequiredService<PhotoReview>().QueueAsync(teacher7B, null)), i => i.PhotoId == first);
        Assert.Same(ProcedureResult.NotFound, await WithAsync(s => s.GetRequiredService<PhotoReview>().AcceptAsync(teacher7B, first)));
        Assert.Equal("reason_required", (await WithAsync(s => s.GetRequiredService<PhotoReview>().RejectAsync(teacher6A, first, ""))).Code);
        Assert.True((await WithAsync(s => s.GetRequiredService<PhotoReview>().RejectAsync(teacher6A, first, "Zdjęcie nieostre"))).Succeeded);

        var second = await AddPendingPhotoAsync(pupil.Id);
        Assert.True((await WithAsync(s => s.GetRequiredService<PhotoReview>().AcceptAsync(teacher6A, second))).Succeeded);
        var third = await AddPendingPhotoAsync(pupil.Id);
        Assert.True((await WithAsync(s => s.GetRequiredService<PhotoReview>().AcceptAsync(teacher6A, third))).Succeeded);

        var states = await fixture.App.WithDbAsync(db => db.Photos.Where(p => p.PupilId == pupil.Id).OrderBy(p => p.UploadedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.State, p.RejectionReason }).ToListAsync());
        Assert.Equal([PhotoState.Rejected, PhotoState.Superseded, PhotoState.Accepted], states.Select(s => s.State));
        Assert.Equal("Zdjęcie nieostre", states[0].RejectionReason);

        // The secretary brings the earlier accepted photo back; a rejected one cannot be.
        var secretary = await ViewerAsync("sekretariat@sp7.legitka.test");
        Assert.Equal("not_reusable", (await WithAsync(s => s.GetRequiredService<PhotoReview>().ReuseAsync(secretary, first))).Code);
        Assert.Same(ProcedureResult.NotFound, await WithAsync(s => s.GetRequiredService<PhotoReview>().ReuseAsync(teacher6A, second)));
        Assert.True((await WithAsync(s => s.GetRequiredService<PhotoReview>().ReuseAsync(secretary, second))).Succeeded);
        var after = await fixture.App.WithDbAsync(db => db.Photos.Where(p => p.PupilId == pupil.Id && p.State == PhotoState.Accepted).Select(p => p.Id).ToListAsync());
        Assert.Equal([second], after);
    }

    [Fact]
    public async Task Class_is_reported_ready_only_with_every_unready_pupil_confirmed()
    {
        var teacher = await ViewerAsync("wychowawca.8c@sp7.legitka.test");
        var director = await ViewerAsync("dyrektor@sp7.legitka.test");
        var guardianLess = await ViewerAsync("sekretariat@sp7.legitka.test");
        var classId = await fixture.App.WithDbAsync(db => db.Classes.Where(c => c.Name == "8C").Select(c => c.Id).SingleAsync());
        var pupils = await fixture.App.WithDbAsync(db => db.Pupils.Where(p => p.ClassId == classId).OrderBy(p => p.FamilyName).ThenBy(p => p.Id).ToListAsync());

        Assert.Equal("nobody_ready", (await WithAsync(s => s.GetRequiredService<ClassReadiness>()
            .ReportReadyAsync(teacher, classId, [.. pupils.Select(p => p.Id)]))).Code);
        // Said before asking to confirm who is left out: confirming everyone would only lead to it.
        Assert.Equal("nobody_ready", (await WithAsync(s => s.GetRequiredService<ClassReadiness>()
            .ReportReadyAsync(teacher, classId, []))).Code);

        // Three pupils get an approved paper application and an accepted photo.
        foreach (var pupil in pupils.Take(3))
        {
            Assert.True((await WithAsync(s => s.GetRequiredService<ApplicationDesk>().SubmitAsync(guardianLess, pupil.Id))).Succeeded);
            var application = await fixture.App.WithDbAsync(db => db.Applications.SingleAsync(a => a.PupilId == pupil.Id));
            Assert.True((await WithAsync(s => s.GetRequiredService<ApplicationDesk>().DecideAsync(director, application.Id, true, null))).Succeeded);
            var photo = await AddPendingPhotoAsync(pupil.Id);
            Assert.True((await WithAsync(s => s.GetRequiredService<PhotoReview>().AcceptAsync(teacher, photo))).Succeeded);
        }

        var view = await WithAsync(s => s.GetRequiredService<ClassReadiness>().GetAsync(teacher, classId));
        Assert.Equal(3, view!.Pupils.Count(p => p.Ready));
        Assert.Contains(("no application", "brak wniosku"), view.Pupils.First(p => !p.Ready).Missing(IssuancePolicy.OnApplication));

        var unready = pupils.Skip(3).Select(p => p.Id).ToList();
        var missingOne = await WithAsync(s => s.GetRequiredService<ClassReadiness>().ReportReadyAsync(teacher, classId, unready.Skip(1).ToList()));
        Assert.Equal("left_out_unconfirmed", missingOne.Code);
        Assert.True((await WithAsync(s => s.GetRequiredService<ClassReadiness>().ReportReadyAsync(teacher, classId, unready))).Succeeded);

        var queue = await WithAsync(s => s.GetRequiredService<ClassReadiness>().QueueAsync(guardianLess, pupils[0].SchoolId));
        var ready = Assert.Single(queue, q => q.ClassId == classId);
        Assert.Equal(3, ready.ReadyPupils);
        Assert.Empty(await WithAsync(s => s.GetRequiredService<ClassReadiness>().QueueAsync(teacher, pupils[0].SchoolId)));
    }
}
