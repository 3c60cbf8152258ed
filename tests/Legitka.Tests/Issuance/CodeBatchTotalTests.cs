using Legitka.Audit;
using Legitka.Codes;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>
/// A class batch starts from the number the homeroom teachers reported ready and ends with the number of codes made:
/// a pupil may stop being ready between the report and the batch.
/// </summary>
public sealed class CodeBatchTotalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_pupil_no_longer_ready_since_the_report_gets_no_code_and_the_batch_total_ends_at_the_codes_made()
    {
        var (schoolId, classIds) = await ReadyClasses.MakeSecondClassReadyAsync(App);
        var reported = await App.WithDbAsync(db => db.ReadinessReports.Where(r => classIds.Contains(r.ClassId) && r.ClosedAt == null).SumAsync(r => r.ReadyPupils));
        var lostCard = await App.WithDbAsync(db => db.Pupils.Where(p => p.ClassId == classIds[0]).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await App.WithDbAsync(db => db.Cards.Where(c => c.PupilId == lostCard)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.InvalidatedAt, DateTime.UtcNow).SetProperty(c => c.InvalidationReason, "lost")));

        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, null, holdLease: true);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        Assert.Equal(reported, request.Batch!.Total);
        var reports = new List<CodeBatchProgress>();
        await generator.RunAsync(request.Batch, new SynchronousProgress(reports), TestContext.Current.CancellationToken);

        var batch = await App.WithDbAsync(db => db.CodeBatches.SingleAsync(b => b.Id == request.Batch.Id));
        Assert.Equal((CodeBatchState.Done, reported - 1, reported - 1), (batch.State, batch.Done, batch.Total));
        Assert.Equal(new CodeBatchProgress(reported - 1, reported - 1), reports[^1]);
        Assert.False(await App.WithDbAsync(db => db.ActivationOffers.AnyAsync(o => o.BatchId == batch.Id && o.PupilId == lostCard)));
    }

    private sealed class SynchronousProgress(List<CodeBatchProgress> reports) : IProgress<CodeBatchProgress>
    {
        public void Report(CodeBatchProgress value) => reports.Add(value);
    }
}
