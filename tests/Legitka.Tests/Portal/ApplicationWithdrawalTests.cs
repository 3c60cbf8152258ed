using System.Net;
using Legitka.Applications;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

/// <summary>A guardian takes back a pending application, or a standing objection, and can file again later.</summary>
public sealed class ApplicationWithdrawalTests
{
    private const string Guardian = "rodzic@legitka.test";

    [Fact]
    public async Task A_guardian_withdraws_a_pending_application_once_and_may_file_again()
    {
        await using var app = await TestApp.StartAsync();
        var child = await ChildWithoutApplicationAsync(app);
        using var guardian = await app.SignInAsync(Guardian);
        var page = $"/pupils/{child}";
        Assert.Contains("Wniosek złożony.", await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Apply"));
        Assert.Contains("id=\"withdraw\"", await guardian.GetStringAsync(page));

        var withdrawn = await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Withdraw");
        Assert.Contains("Wniosek wycofany.", withdrawn);
        Assert.Contains("Złóż wniosek o mLegitymację", withdrawn);
        Assert.DoesNotContain("id=\"withdraw\"", withdrawn);
        var closed = await app.WithDbAsync(db => db.Applications.SingleAsync(a => a.PupilId == child));
        Assert.Equal(ApplicationState.Withdrawn, closed.State);
        // Who withdrew it and when, for the director's list of recent decisions.
        Assert.Equal((app.Clock.GetUtcNow().UtcDateTime, false), (closed.DecidedAt!.Value, string.IsNullOrEmpty(closed.DecidedByName)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "application.withdrawn")));
        Assert.True(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == Guardian && m.Subject.StartsWith("mLegitymacja: wniosek wycofany"))));

        var again = await (await TestApp.PostFormAsync(guardian, page, page + "?handler=Withdraw")).Content.ReadAsStringAsync();
        Assert.Contains("Nie ma wniosku czekającego na decyzję ani sprzeciwu, który można wycofać.", again);
        await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Apply");
        Assert.Equal(1, await PendingAsync(app, child));

        // Another class's teacher sees neither the pupil nor the button; the pupil's own teacher and the director see
        // the pupil but may not take the guardian's application back.
        using var teacher = await app.SignInAsync("wychowawca.8d@sp7.legitka.test");
        var refused = await TestApp.PostFormAsync(teacher, "/", page + "?handler=Withdraw");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var homeroom = await app.WithDbAsync(db => (from p in db.Pupils join c in db.Classes on p.ClassId equals c.Id
            join u in db.Users on c.HomeroomTeacherId equals u.Id where p.Id == child select u.Email).SingleAsync());
        foreach (var staff in new[] { homeroom!, "dyrektor@sp7.legitka.test" })
        {
            using var client = await app.SignInAsync(staff);
            Assert.DoesNotContain("id=\"withdraw\"", await client.GetStringAsync(page));
            var notAllowed = await (await TestApp.PostFormAsync(client, page, page + "?handler=Withdraw")).Content.ReadAsStringAsync();
            Assert.Contains("Wycofać może opiekun ucznia albo sekretariat.", notAllowed);
        }

        Assert.Equal(1, await PendingAsync(app, child));
    }

    [Fact]
    public async Task Under_the_opt_out_policy_a_guardian_withdraws_the_objection()
    {
        await using var app = await TestApp.StartAsync();
        var child = await ChildWithoutApplicationAsync(app);
        await app.WithDbAsync(db => db.Schools.ExecuteUpdateAsync(u => u.SetProperty(s => s.Policy, IssuancePolicy.OptOut)));
        using var guardian = await app.SignInAsync(Guardian);
        var page = $"/pupils/{child}";
        await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Apply");
        Assert.Contains("Wycofaj sprzeciw", await guardian.GetStringAsync(page));

        var unconfirmed = await (await TestApp.PostFormAsync(guardian, page, page + "?handler=Withdraw")).Content.ReadAsStringAsync();
        Assert.Contains("Zaznacz, że rozumiesz, że po wycofaniu sprzeciwu szkoła wyda mLegitymację.", unconfirmed);
        Assert.Equal(ApplicationState.Approved, await app.WithDbAsync(db => db.Applications.Where(a => a.PupilId == child).Select(a => a.State).SingleAsync()));

        Assert.Contains("Sprzeciw wycofany: szkoła wyda uczniowi mLegitymację.",
            await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Withdraw", new() { ["confirmed"] = "true" }));
        var objection = await app.WithDbAsync(db => db.Applications.SingleAsync(a => a.PupilId == child));
        Assert.Equal((ApplicationKind.Objection, ApplicationState.Withdrawn), (objection.Kind, objection.State));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "objection.withdrawn")));
        Assert.True(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == Guardian && m.Subject.StartsWith("mLegitymacja: sprzeciw wycofany"))));
    }

    [Fact]
    public async Task After_a_policy_switch_the_button_withdraws_what_it_names_and_leaves_the_other_record()
    {
        await using var app = await TestApp.StartAsync();
        var child = await ChildWithoutApplicationAsync(app);
        using var guardian = await app.SignInAsync(Guardian);
        var page = $"/pupils/{child}";
        await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Apply");
        await app.WithDbAsync(db => db.Schools.ExecuteUpdateAsync(u => u.SetProperty(s => s.Policy, IssuancePolicy.OptOut)));
        Assert.Contains("Sprzeciw zapisany", await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Apply"));

        await TestApp.PostFormExpectingDoneAsync(guardian, page, page + "?handler=Withdraw", new() { ["confirmed"] = "true" });

        var records = await app.WithDbAsync(db => db.Applications.Where(a => a.PupilId == child).ToDictionaryAsync(a => a.Kind, a => a.State));
        Assert.Equal(ApplicationState.Withdrawn, records[ApplicationKind.Objection]);
        Assert.Equal(ApplicationState.Pending, records[ApplicationKind.Application]);
    }

    private static Task<int> PendingAsync(TestApp app, Guid pupilId) =>
        app.WithDbAsync(db => db.Applications.CountAsync(a => a.PupilId == pupilId && a.State == ApplicationState.Pending));

    /// <summary>A child of the demo guardian with nothing filed yet, in a class that has a homeroom teacher.</summary>
    private static Task<Guid> ChildWithoutApplicationAsync(TestApp app) => app.WithDbAsync(db =>
        (from g in db.PupilGuardians
         join p in db.Pupils on g.PupilId equals p.Id
         join c in db.Classes on p.ClassId equals c.Id
         where g.Email == Guardian && c.HomeroomTeacherId != null && !db.Applications.Any(a => a.PupilId == p.Id)
         orderby p.Id
         select p.Id).FirstAsync());
}
