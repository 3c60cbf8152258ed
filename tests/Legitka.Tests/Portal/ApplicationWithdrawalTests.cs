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
        Assert.True((await TestApp.PostFormAsync(guardian, page, page + "?handler=Apply")).IsSuccessStatusCode);
        Assert.Contains("id=\"withdraw\"", await guardian.GetStringAsync(page));

        var withdrawn = await (await TestApp.PostFormAsync(guardian, page, page + "?handler=Withdraw")).Content.ReadAsStringAsync();
        Assert.Contains("Zapisano.", withdrawn);
        Assert.Contains("Złóż wniosek o mLegitymację", withdrawn);
        Assert.DoesNotContain("id=\"withdraw\"", withdrawn);
        Assert.Equal(ApplicationState.Withdrawn, await app.WithDbAsync(db => db.Applications.Where(a => a.PupilId == child).Select(a => a.State).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "application.withdrawn")));

        var again = await (await TestApp.PostFormAsync(guardian, page, page + "?handler=Withdraw")).Content.ReadAsStringAsync();
        Assert.Contains("Nie ma wniosku czekającego na decyzję ani sprzeciwu, który można wycofać.", again);
        Assert.True((await TestApp.PostFormAsync(guardian, page, page + "?handler=Apply")).IsSuccessStatusCode);
        Assert.Equal(1, await PendingAsync(app, child));

        // Another class's teacher sees neither the pupil nor the button.
        using var teacher = await app.SignInAsync("wychowawca.8d@sp7.legitka.test");
        var refused = await TestApp.PostFormAsync(teacher, "/", page + "?handler=Withdraw");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
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
        Assert.True((await TestApp.PostFormAsync(guardian, page, page + "?handler=Apply")).IsSuccessStatusCode);
        Assert.Contains("Wycofaj sprzeciw", await guardian.GetStringAsync(page));

        Assert.Contains("Zapisano.", await (await TestApp.PostFormAsync(guardian, page, page + "?handler=Withdraw")).Content.ReadAsStringAsync());
        var objection = await app.WithDbAsync(db => db.Applications.SingleAsync(a => a.PupilId == child));
        Assert.Equal((ApplicationKind.Objection, ApplicationState.Withdrawn), (objection.Kind, objection.State));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "objection.withdrawn")));
    }

    private static Task<int> PendingAsync(TestApp app, Guid pupilId) =>
        app.WithDbAsync(db => db.Applications.CountAsync(a => a.PupilId == pupilId && a.State == ApplicationState.Pending));

    private static Task<Guid> ChildWithoutApplicationAsync(TestApp app) => app.WithDbAsync(db =>
        db.PupilGuardians.Where(g => g.Email == Guardian && !db.Applications.Any(a => a.PupilId == g.PupilId)).Select(g => g.PupilId).FirstAsync());
}
