using Legitka.Applications;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

/// <summary>A school that starts issuing to every pupil (unless a guardian objects) no longer needs the applications waiting.</summary>
public sealed class PolicySwitchTests
{
    private const string Guardian = "rodzic@legitka.test";
    private const string Director = "dyrektor@sp7.legitka.test";

    [Fact]
    public async Task Switching_to_opt_out_closes_the_pending_applications_and_tells_their_guardians()
    {
        await using var app = await TestApp.StartAsync();
        var pupil = await app.WithDbAsync(db =>
            (from g in db.PupilGuardians
             join p in db.Pupils on g.PupilId equals p.Id
             where g.Email == Guardian && !db.Applications.Any(a => a.PupilId == p.Id)
             orderby p.Id
             select new { p.SchoolId, p.Id }).FirstAsync());
        var (schoolId, child) = (pupil.SchoolId, pupil.Id);
        using var guardian = await app.SignInAsync(Guardian);
        using var secretary = await app.SignInAsync("sekretariat@sp7.legitka.test");
        // The office records what a guardian filed on paper, and its button says so.
        Assert.Contains("Wpisz wniosek opiekuna złożony na papierze", await secretary.GetStringAsync($"/pupils/{child}"));
        await TestApp.PostFormExpectingDoneAsync(guardian, $"/pupils/{child}", $"/pupils/{child}?handler=Apply");
        // A paper application for a pupil the e-diary gives no guardian address for: nobody is promised an e-mail.
        var unreachable = await app.WithDbAsync(db => db.Pupils.Where(p => p.SchoolId == schoolId && !db.PupilGuardians.Any(g => g.PupilId == p.Id)
            && !db.Applications.Any(a => a.PupilId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var filed = await TestApp.PostFormExpectingDoneAsync(secretary, $"/pupils/{unreachable}", $"/pupils/{unreachable}?handler=Apply");
        Assert.Contains("Wniosek złożony. Rozpatrzy go dyrektor szkoły. Dziennik nie podaje adresu e-mail opiekuna", filed);
        var pending = await app.WithDbAsync(db => db.Applications.CountAsync(a => a.SchoolId == schoolId && a.State == ApplicationState.Pending));
        Assert.True(pending >= 1);

        using var director = await app.SignInAsync(Director);
        // A decline without a reason is refused in the row of the application it was about, not at the top of the list.
        var queue = $"/schools/{schoolId}/applications";
        var applicationId = await app.WithDbAsync(db => db.Applications.Where(a => a.PupilId == child).Select(a => a.Id).SingleAsync());
        var declined = await (await TestApp.PostFormAsync(director, queue, $"{queue}?handler=Decline&applicationId={applicationId}",
            new() { ["reason"] = "  " })).Content.ReadAsStringAsync();
        var row = declined[declined.IndexOf($"id=\"application-{applicationId}\"", StringComparison.Ordinal)..];
        Assert.Contains("Podaj powód odmowy", row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"refusal\"", row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        Assert.Equal(ApplicationState.Pending, await app.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.State).SingleAsync()));

        var settings = $"/schools/{schoolId}/settings";
        Assert.Contains($"Na decyzję dyrektora czeka wniosków: {pending}.", await director.GetStringAsync(settings));
        var saved = await TestApp.PostFormExpectingDoneAsync(director, settings, settings, Form("OptOut"));
        Assert.Contains($"Zamknięte niepotrzebne wnioski: {pending};", saved);
        Assert.Contains("Wpisz sprzeciw opiekuna złożony na papierze", await secretary.GetStringAsync($"/pupils/{child}"));
        Assert.Contains(">Zgłoś sprzeciw<", await guardian.GetStringAsync($"/pupils/{child}"));

        var application = await app.WithDbAsync(db => db.Applications.SingleAsync(a => a.PupilId == child));
        Assert.Equal(ApplicationState.Closed, application.State);
        Assert.NotNull(application.DecidedAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.SchoolId == schoolId && a.State == ApplicationState.Pending)));
        Assert.Equal(pending, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "application.closed")));
        Assert.True(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == Guardian && m.Subject.StartsWith("mLegitymacja: wniosek nie jest już potrzebny"))));

        // The director's queue is empty, the closed application is listed as such and cannot be decided any more.
        var page = await director.GetStringAsync(queue);
        Assert.Contains("zamknięty: szkoła wydaje mLegitymację bez wniosku", page);
        var refused = await (await TestApp.PostFormAsync(director, queue, $"{queue}?handler=Approve&applicationId={application.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("Wniosek został zamknięty: szkoła wydaje teraz mLegitymację bez wniosku.", refused);
        Assert.Equal(ApplicationState.Closed, await app.WithDbAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.State).SingleAsync()));

        // Saving again under the same policy closes nothing more and says only that the settings were saved.
        var again = await TestApp.PostFormExpectingDoneAsync(director, settings, settings, Form("OptOut"));
        Assert.Contains("Ustawienia zapisane.", again);
        Assert.DoesNotContain("Zamknięte niepotrzebne wnioski", again);
        Assert.Equal(pending, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "application.closed")));
        var chain = await app.VerifyAuditAsync();
        Assert.True(chain.Intact, chain.Problem);
    }

    private static Dictionary<string, string> Form(string policy) => new()
    {
        ["Policy"] = policy, ["Limits"] = "seed", ["FirstCodeDays"] = "30", ["LaterCodeDays"] = "7", ["Devices"] = "1",
    };
}
