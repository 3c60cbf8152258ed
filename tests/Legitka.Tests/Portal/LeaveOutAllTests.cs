using System.Text.RegularExpressions;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

/// <summary>One tick leaves out every pupil without a complete set — the ones the teacher saw, and no others.</summary>
public sealed partial class LeaveOutAllTests
{
    [Fact]
    public async Task One_tick_reports_the_class_with_the_pupils_the_page_listed_and_refuses_when_that_list_changed()
    {
        await using var app = await TestApp.StartAsync();
        var classId = await app.WithDbAsync(db => db.Classes.Where(c => c.Name == "8D").Select(c => c.Id).SingleAsync());
        // 8D is ready in the demo; two pupils lose their accepted photo, one before the teacher opens the page, one after.
        var (first, second) = await app.WithDbAsync(async db =>
        {
            var ids = await db.Pupils.Where(p => p.ClassId == classId).OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        await RejectPhotoAsync(app, first);
        using var teacher = await app.SignInAsync("wychowawca.8d@sp7.legitka.test");
        var url = $"/classes/{classId}";
        var seen = UnreadySeen().Matches(await teacher.GetStringAsync(url)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([first.ToString()], seen);
        var reports = await app.WithDbAsync(db => db.ReadinessReports.CountAsync(r => r.ClassId == classId));

        await RejectPhotoAsync(app, second);
        var stale = await TestApp.PostFormAsync(teacher, url, url + "?handler=ReportReady", Form(seen));
        Assert.Contains("Od otwarcia strony zmieniła się lista uczniów bez kompletu.", await stale.Content.ReadAsStringAsync());
        Assert.Equal(reports, await app.WithDbAsync(db => db.ReadinessReports.CountAsync(r => r.ClassId == classId)));

        seen = UnreadySeen().Matches(await teacher.GetStringAsync(url)).Select(m => m.Groups[1].Value).ToList();
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // after the demo's own report of 8D
        var reported = await TestApp.PostFormAsync(teacher, url, url + "?handler=ReportReady", Form(seen));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, reported.StatusCode);
        var shown = await teacher.GetStringAsync(reported.Headers.Location!.OriginalString.Split('#')[0]);
        Assert.Contains("Gotowość klasy zgłoszona.", shown);
        Assert.Contains("Zgłoś gotowość ponownie", shown);
        var report = await app.WithDbAsync(db => db.ReadinessReports.Where(r => r.ClassId == classId).OrderByDescending(r => r.ReportedAt)
            .ThenByDescending(r => r.Id).FirstAsync());
        Assert.Equal(23, report.ReadyPupils);
        Assert.Contains(first.ToString(), report.LeftOutPupilIds, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(second.ToString(), report.LeftOutPupilIds, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<int> RejectPhotoAsync(TestApp app, Guid pupilId) => app.WithDbAsync(db =>
        db.Photos.Where(p => p.PupilId == pupilId).ExecuteUpdateAsync(u => u.SetProperty(p => p.State, Legitka.Photos.PhotoState.Rejected)));

    private static IEnumerable<KeyValuePair<string, string>> Form(List<string> seen) =>
        [new("leaveOutAllUnready", "true"), .. seen.Select(id => new KeyValuePair<string, string>("unreadySeen", id))];

    [GeneratedRegex("name=\"unreadySeen\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex UnreadySeen();
}
