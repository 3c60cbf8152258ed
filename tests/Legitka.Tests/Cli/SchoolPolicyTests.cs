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
        var (exit, output, _) = await CliRunner.RunAsync(["schools", "configure", "987654", "--policy", "opt-out", "--photo-limits", "central-2025",
            .. fixture.App.Database.ConfigurationArgs]);
        Assert.Equal(0, exit);
        Assert.Contains("policy OptOut, photos at most 2621440 bytes, at least 246×304 px", output);

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
