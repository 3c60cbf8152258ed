using Legitka.Audit;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Readiness;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>
/// A batch of several transactions, each prepared while the one before writes: every ready pupil gets exactly one
/// code, and a second batch voids every code of the first.
/// </summary>
public sealed class CodeBatchPipelineTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_batch_in_many_transactions_gives_one_code_per_pupil_and_the_next_batch_voids_them_all()
    {
        var (schoolId, classIds) = await ReadyClasses.MakeSecondClassReadyAsync(App);
        var ready = await App.WithDbAsync(db => db.Pupils.CountAsync(p => classIds.Contains(p.ClassId)));

        var first = await RunInSmallChunksAsync(schoolId, classIds);
        await ReportReadyAgainAsync(classIds);
        var second = await RunInSmallChunksAsync(schoolId, classIds);

        var offers = await App.WithDbAsync(db => db.ActivationOffers.Where(o => o.SchoolId == schoolId).ToListAsync());
        var ofFirst = offers.Where(o => o.BatchId == first).ToList();
        var ofSecond = offers.Where(o => o.BatchId == second).ToList();
        Assert.Equal(ready, ofFirst.Select(o => o.PupilId).Distinct().Count());
        Assert.Equal(ready, ofFirst.Count);
        Assert.All(ofFirst, o => Assert.Equal((OfferState.Voided, "replaced by a new code"), (o.State, o.EndReason)));
        Assert.Equal(ready, ofSecond.Count);
        Assert.All(ofSecond, o => Assert.Equal(OfferState.Open, o.State));
        // A later code is valid for the school's shorter period.
        var school = await App.WithDbAsync(db => db.Schools.SingleAsync(s => s.Id == schoolId));
        Assert.All(ofSecond, o => Assert.Equal(CodeRules.ExpiresAt(new DateTimeOffset(o.CreatedAt, TimeSpan.Zero), school.LaterCodeValidDays).UtcDateTime, o.ExpiresAt));

        await using var scope = App.Scope();
        var codes = await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(second);
        Assert.Equal(ofSecond.Select(o => o.Id).Order(), codes.Select(c => c.OfferId).Order());
    }

    private async Task<Guid> RunInSmallChunksAsync(Guid schoolId, List<Guid> classIds)
    {
        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        generator.ChunkSize = 10; // a class per transaction
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, null, holdLease: true, replaceUnusedCodes: true);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        await generator.RunAsync(request.Batch!, null, TestContext.Current.CancellationToken);
        return request.Batch!.Id;
    }

    private async Task ReportReadyAgainAsync(List<Guid> classIds)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var schoolClass in await db.Classes.Where(c => classIds.Contains(c.Id)).ToListAsync())
        {
            db.ReadinessReports.Add(new ClassReadinessReport
            {
                SchoolId = schoolClass.SchoolId, ClassId = schoolClass.Id, ReportedByName = "test", ReportedAt = now, LeftOutPupilIds = "[]",
                ReadyPupils = await db.Pupils.CountAsync(p => p.ClassId == schoolClass.Id),
            });
        }

        await db.SaveChangesAsync();
    }
}
