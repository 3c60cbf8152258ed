using Legitka.Audit;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>
/// A class batch starts from the number the homeroom teachers reported ready and ends with the number of codes made:
/// since the report a pupil may have stopped being ready, and a pupil left out then may be ready now.
/// </summary>
public sealed class CodeBatchTotalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_total_follows_the_pupils_ready_now_and_the_stored_count_never_passes_it()
    {
        var (schoolId, classIds) = await ReadyClasses.MakeSecondClassReadyAsync(App);
        var readyNow = await App.WithDbAsync(db => db.ReadinessReports.Where(r => classIds.Contains(r.ClassId) && r.ClosedAt == null).SumAsync(r => r.ReadyPupils));
        // Two pupils of the first class were left out when it was reported, and are ready now; one card has been lost since.
        await App.WithDbAsync(db => db.ReadinessReports.Where(r => r.ClassId == classIds[0] && r.ClosedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReadyPupils, r => r.ReadyPupils - 2)));
        var lostCard = await App.WithDbAsync(db => db.Pupils.Where(p => p.ClassId == classIds[1]).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await App.WithDbAsync(db => db.Cards.Where(c => c.PupilId == lostCard)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.InvalidatedAt, DateTime.UtcNow).SetProperty(c => c.InvalidationReason, "lost")));

        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        generator.ChunkSize = 10; // a class per transaction
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, null, holdLease: true);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        Assert.Equal(readyNow - 2, request.Batch!.Total);
        var reported = new List<CodeBatchProgress>();
        var stored = new List<(int Done, int Total)>();
        var made = await generator.RunAsync(request.Batch, new InlineProgress<CodeBatchProgress>(p =>
        {
            reported.Add(p);
            using var reader = App.Scope();
            stored.Add(reader.ServiceProvider.GetRequiredService<LegitkaDbContext>().CodeBatches.AsNoTracking()
                .Where(b => b.Id == request.Batch.Id).Select(b => new ValueTuple<int, int>(b.Done, b.Total)).Single());
        }), TestContext.Current.CancellationToken);

        Assert.Equal(readyNow - 1, made);
        var batch = await App.WithDbAsync(db => db.CodeBatches.SingleAsync(b => b.Id == request.Batch.Id));
        Assert.Equal((CodeBatchState.Done, made, made), (batch.State, batch.Done, batch.Total));
        // What the portal and the CLI show never says more done than in all.
        Assert.All(reported, p => Assert.InRange(p.Done, 0, p.Total));
        Assert.All(stored, s => Assert.InRange(s.Done, 0, s.Total));
        Assert.Equal(new CodeBatchProgress(made, made), reported[^1]);
        Assert.False(await App.WithDbAsync(db => db.ActivationOffers.AnyAsync(o => o.BatchId == batch.Id && o.PupilId == lostCard)));
    }
}
