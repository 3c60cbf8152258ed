using System.Net;
using System.Text.RegularExpressions;
using Legitka.Codes;
using Legitka.Tests.Infrastructure;
using Legitka.Tests.Issuance;
using Legitka.Wallet;
using Legitka.Wallet.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Portal;

/// <summary>
/// The class page says where each pupil stands with the mLegitymacja — activated, waiting, locked out, run out, ended —
/// so that a teacher or secretary sees who needs a new code without opening every pupil; and a new code for a pupil
/// whose phone works asks for the phone change to be confirmed.
/// </summary>
public sealed partial class ClassActivationOverviewTests
{
    private const string Secretary = "sekretariat@sp7.legitka.test";

    [Fact]
    public async Task Each_pupil_row_shows_the_mLegitymacja_stage()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var codes = await TestBatches.RunAsync(app, schoolId, [classId]);
        var (active, locked, deleted) = (codes[0], codes[1], codes[2]);
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        foreach (var code in new[] { active, deleted })
        {
            Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(code.OfferUri, code.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        }

        using (var holder = new TestHolder(app.AnonymousClient(), app.Address.ToString().TrimEnd('/'), app.Clock))
        {
            var preAuthorized = await holder.PreAuthorizedCodeAsync(locked.OfferUri);
            var wrong = locked.ActivationCode == "00000000" ? "00000001" : "00000000";
            for (var attempt = 0; attempt < CodeRules.MaxFailedAttempts; attempt++)
            {
                Assert.Equal(HttpStatusCode.BadRequest, (await holder.TokenAsync(preAuthorized, wrong)).StatusCode);
            }
        }

        await app.WithDbAsync(async db =>
        {
            var credential = await db.IssuedMobileIds.SingleAsync(c => c.PupilId == deleted.PupilId);
            (credential.EndedAt, credential.EndReason) = (app.Clock.GetUtcNow().UtcDateTime, "deleted from the phone");
            return await db.SaveChangesAsync();
        });

        using var secretary = await app.SignInAsync(Secretary);
        var stages = await StagesAsync(secretary, classId);
        Assert.Equal(25, stages.Count);
        Assert.Equal("Active", stages[active.PupilId]);
        Assert.Equal("LockedOut", stages[locked.PupilId]);
        Assert.Equal("Ended", stages[deleted.PupilId]);
        Assert.Equal(22, stages.Values.Count(s => s == "CodeWaiting"));
        var page = await secretary.GetStringAsync($"/classes/{classId}");
        // Locked out and deleted from the phone: both need a new slip.
        Assert.Contains("mLegitymacja aktywna: 1 z 25; kody czekające na aktywację: 22.", page);
        Assert.Contains("Uczniowie potrzebujący nowego kodu: 2.", page);
        Assert.Contains("usunięta z telefonu", page);

        // A code works through the day the slip prints, and not a day longer.
        var lastDay = await app.WithDbAsync(db => db.ActivationOffers.Where(o => o.PupilId == codes[3].PupilId).Select(o => o.ExpiresAt).SingleAsync());
        // (Signed in again each time: a month on, the session has lapsed.)
        app.Clock.SetUtcNow(new DateTimeOffset(lastDay, TimeSpan.Zero).AddMinutes(-1));
        using (var later = await app.SignInAsync(Secretary))
        {
            Assert.Equal(22, (await StagesAsync(later, classId)).Values.Count(s => s == "CodeWaiting"));
        }

        app.Clock.SetUtcNow(new DateTimeOffset(lastDay, TimeSpan.Zero));
        using var expired = await app.SignInAsync(Secretary);
        stages = await StagesAsync(expired, classId);
        Assert.Equal(22, stages.Values.Count(s => s == "CodeExpired"));
        Assert.Equal("Active", stages[active.PupilId]);
        Assert.Contains("Uczniowie potrzebujący nowego kodu: 24.", await expired.GetStringAsync($"/classes/{classId}"));
    }

    [Fact]
    public async Task A_new_code_for_a_pupil_whose_phone_works_needs_the_phone_change_confirmed()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var code = (await TestBatches.RunAsync(app, schoolId, [classId]))[4];
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(code.OfferUri, code.ActivationCode, DeviceKey.Generate()), exactMatch: false);

        using var secretary = await app.SignInAsync(Secretary);
        var pupilPage = $"/pupils/{code.PupilId}";
        Assert.Contains("id=\"phone-change\"", await secretary.GetStringAsync(pupilPage));
        var unconfirmed = await TestApp.PostFormAsync(secretary, pupilPage, pupilPage + "?handler=Code");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        // The refusal stands in the form that was sent, and the form's address scrolls the page back to it.
        var refusal = await unconfirmed.Content.ReadAsStringAsync();
        var form = refusal[refusal.LastIndexOf("<form", refusal.IndexOf("id=\"new-code-form\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        Assert.Matches("^<form[^>]*action=\"[^\"]*handler=Code#new-code-form\"", form);
        Assert.Contains("Zaznacz, że uczeń zmienia telefon.", form[..form.IndexOf("</form>", StringComparison.Ordinal)]);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(refusal, "role=\"alert\""));
        Assert.Equal(0, await app.WithDbAsync(db => db.CodeBatches.CountAsync(b => b.PupilId == code.PupilId)));

        var confirmed = await TestApp.PostFormAsync(secretary, pupilPage, pupilPage + "?handler=Code", new() { ["phoneChange"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CodeBatches.CountAsync(b => b.PupilId == code.PupilId)));

        // The homeroom teacher cannot make codes, and is told who can.
        using var teacher = await app.SignInAsync("wychowawca.8d@sp7.legitka.test");
        var asTeacher = await teacher.GetStringAsync(pupilPage);
        Assert.Contains("Nowy kod aktywacyjny wydaje sekretariat szkoły.", asTeacher);
        Assert.DoesNotContain("id=\"new-code-form\"", asTeacher);
    }

    [Fact]
    public async Task Only_those_who_see_the_class_see_its_pupils_mLegitymacje()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        await TestBatches.RunAsync(app, schoolId, [classId]);
        var (ownTeacher, otherTeacher) = await app.WithDbAsync(async db =>
        {
            var teachers = await db.Classes.Where(c => c.SchoolId == schoolId && c.HomeroomTeacherId != null)
                .Select(c => new { c.Id, Teacher = c.HomeroomTeacherId!.Value }).ToListAsync();
            return (teachers.Single(t => t.Id == classId).Teacher, teachers.First(t => t.Id != classId).Teacher);
        });

        // A guardian of a pupil in the class sees that child's page, not the class's.
        const string guardian = "opiekun.8d@example.com";
        await app.WithDbAsync(async db =>
        {
            db.PupilGuardians.Add(new Legitka.Registry.PupilGuardian { PupilId = await db.Pupils.Where(p => p.ClassId == classId).Select(p => p.Id).FirstAsync(), Email = guardian });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(25, (await ActivationsAsync(app, await ViewerAsync(app, ownTeacher), classId)).Count);
        Assert.Empty(await ActivationsAsync(app, await ViewerAsync(app, otherTeacher), classId));
        Assert.Empty(await ActivationsAsync(app, new Legitka.Access.Viewer(Guid.NewGuid(), "opiekun", guardian, []), classId));
    }

    [Fact]
    public async Task A_school_allowing_two_phones_asks_for_no_confirmation_until_both_are_taken()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        await app.WithDbAsync(async db =>
        {
            (await db.Schools.SingleAsync(s => s.Id == schoolId)).DevicesPerPupil = 2;
            return await db.SaveChangesAsync();
        });
        var code = (await TestBatches.RunAsync(app, schoolId, [classId]))[6];
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(code.OfferUri, code.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        Assert.False(await EndsAPhoneAsync(app, code.PupilId));

        var second = Assert.Single(await TestBatches.RunAsync(app, schoolId, [], code.PupilId));
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(second.OfferUri, second.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        Assert.True(await EndsAPhoneAsync(app, code.PupilId));
    }

    private static async Task<bool> EndsAPhoneAsync(TestApp app, Guid pupilId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodeDesk>().NewCodeEndsAPhoneAsync(pupilId);
    }

    private static async Task<Dictionary<Guid, PupilActivation>> ActivationsAsync(TestApp app, Legitka.Access.Viewer viewer, Guid classId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodeDesk>().ActivationsInClassAsync(viewer, classId, app.Clock.GetUtcNow().UtcDateTime);
    }

    private static Task<Legitka.Access.Viewer> ViewerAsync(TestApp app, Guid userId) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        return new Legitka.Access.Viewer(user.Id, user.DisplayName, user.Email, await db.StaffMemberships.Where(m => m.UserId == user.Id).ToListAsync());
    });

    /// <summary>Each pupil's stage as the class page marks it, by the pupil its row links to.</summary>
    private static async Task<Dictionary<Guid, string>> StagesAsync(HttpClient client, Guid classId)
    {
        var page = await client.GetStringAsync($"/classes/{classId}");
        return Row().Matches(page).ToDictionary(m => Guid.Parse(m.Groups["pupil"].Value), m => m.Groups["stage"].Value);
    }

    [GeneratedRegex("<tr role=\"row\">\\s*<td role=\"cell\"><a href=\"/pupils/(?<pupil>[0-9a-f-]{36})\">(?:(?!</tr>).)*?data-stage=\"(?<stage>\\w+)\"", RegexOptions.Singleline)]
    private static partial Regex Row();
}
