using Legitka.Access;
using Legitka.Applications;
using Legitka.Readiness;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Cli;

/// <summary>Under the opt-out policy every pupil is due unless a guardian objects; the school switches by command.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class SchoolPolicyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Opt_out_school_counts_everyone_due_until_a_guardian_objects()
    {
        // A paper application waiting for the director: the switch makes it unneeded, from the command line as in the portal.
        var (secretary, schoolId) = await fixture.App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "sekretariat@sp7.legitka.test");
            return (new Viewer(user.Id, user.DisplayName, user.Email, await db.StaffMemberships.Where(m => m.UserId == user.Id).ToListAsync()),
                await db.Schools.Where(s => s.Rspo == "987654").Select(s => s.Id).SingleAsync());
        });
        var filedOnPaper = await fixture.App.WithDbAsync(db => db.Pupils.Where(p => p.SchoolId == schoolId && !db.Applications.Any(a => a.PupilId == p.Id)
            && !db.PupilGuardians.Any(g => g.PupilId == p.Id && g.Email == "rodzic@legitka.test")).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await using (var filing = fixture.App.Scope())
        {
            Assert.True((await filing.ServiceProvider.GetRequiredService<ApplicationDesk>().SubmitAsync(secretary, filedOnPaper)).Succeeded);
        }

        var pending = await fixture.App.WithDbAsync(db => db.Applications.CountAsync(a => a.SchoolId == schoolId && a.State == ApplicationState.Pending));
        var (exit, output, _) = await CliRunner.RunAsync(["schools", "configure", "987654", "--policy", "opt-out", "--photo-limits", "central-2025",
            .. fixture.App.Database.ConfigurationArgs]);
        Assert.Equal(0, exit);
        Assert.Contains("policy OptOut, photos at most 2621440 bytes, at least 246×304 px", output);
        Assert.Contains($"{pending} pending application(s) closed as no longer needed", output);
        Assert.Equal(ApplicationState.Closed, await fixture.App.WithDbAsync(db => db.Applications.Where(a => a.PupilId == filedOnPaper).Select(a => a.State).SingleAsync()));
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.Applications.CountAsync(a => a.SchoolId == schoolId && a.State == ApplicationState.Pending)));

        // The same again: the school already has that policy, nothing more is closed.
        (exit, output, _) = await CliRunner.RunAsync(["schools", "configure", "987654", "--policy", "opt-out", .. fixture.App.Database.ConfigurationArgs]);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("closed", output);

        var (guardian, child, classId) = await fixture.App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "rodzic@legitka.test");
            var pupil = await db.Pupils.FirstAsync(p => db.PupilGuardians.Any(g => g.PupilId == p.Id && g.Email == "rodzic@legitka.test"));
            return (new Viewer(user.Id, user.DisplayName, user.Email, []), pupil, pupil.ClassId);
        });
        var teacher = await fixture.App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == db.Classes.Single(c => c.Id == classId).HomeroomTeacherId);
            return new Viewer(user.Id, user.DisplayName, user.Email, await db.StaffMemberships.Where(m => m.UserId == user.Id).ToListAsync());
        });

        await using var scope = fixture.App.Scope();
        var readiness = scope.ServiceProvider.GetRequiredService<ClassReadiness>();
        Assert.All((await readiness.GetAsync(teacher, classId))!.Pupils, p => Assert.True(p.Due));

        Assert.True((await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().SubmitAsync(guardian, child.Id)).Succeeded);
        var objection = await fixture.App.WithDbAsync(db => db.Applications.SingleAsync(a => a.PupilId == child.Id));
        Assert.Equal((ApplicationKind.Objection, ApplicationState.Approved), (objection.Kind, objection.State));
        var row = (await readiness.GetAsync(teacher, classId))!.Pupils.Single(p => p.PupilId == child.Id);
        Assert.False(row.Due);
        Assert.Contains(("guardian objected", "opiekun wniósł sprzeciw"), row.Missing(IssuancePolicy.OptOut));
    }
}
