using Legitka.Applications;
using Legitka.Audit;
using Legitka.Codes;
using Legitka.Photos;
using Legitka.Readiness;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>A batch interrupted between two classes is resumed by another worker: nothing lost, nothing twice.</summary>
public sealed class CodeBatchResumeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_batch_stopped_after_one_class_resumes_after_its_lease_lapses_without_losing_or_repeating_codes()
    {
        var (schoolId, classIds) = await ReadyClasses.MakeSecondClassReadyAsync(App);
        var ready = await App.WithDbAsync(db => db.Pupils.CountAsync(p => classIds.Contains(p.ClassId)));

        // A worker takes the batch, commits the first class, and dies before the second.
        using var stop = new CancellationTokenSource();
        Guid batchId;
        await using (var scope = App.Scope())
        {
            var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
            generator.ChunkSize = 25;
            generator.WritersAtOnce = 1; // the stop comes between two chunks, not while a second one writes
            var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, null, holdLease: true);
            Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
            batchId = request.Batch!.Id;
            var progress = new InlineProgress<CodeBatchProgress>(p =>
            {
                if (p.Done > 0)
                {
                    stop.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.RunAsync(request.Batch, progress, stop.Token));
        }

        var halfway = await App.WithDbAsync(db => db.CodeBatches.SingleAsync(b => b.Id == batchId));
        Assert.Equal(CodeBatchState.Running, halfway.State);
        Assert.Equal(25, halfway.Done);
        Assert.Equal(1, await App.WithDbAsync(db => db.SlipSets.CountAsync(s => s.BatchId == batchId)));

        // While the lease holds, nobody else may take it; once it lapses, another worker finishes the job.
        await using (var scope = App.Scope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<CodeGenerator>().ClaimNextAsync());
        }

        // The background runner of `serve` finds the lapsed lease and finishes the job.
        App.Clock.Advance(CodeGenerator.Lease + TimeSpan.FromSeconds(1));
        App.Services.GetRequiredService<CodeBatchRunner>().Wake();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await App.WithDbAsync(db => db.CodeBatches.Where(b => b.Id == batchId).Select(b => b.State).SingleAsync()) != CodeBatchState.Done
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await using (var scope = App.Scope())
        {
            var codes = await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(batchId);
            Assert.Equal(ready, codes.Count);
            Assert.Equal(ready, codes.Select(c => c.PupilId).Distinct().Count());
        }

        var offers = await App.WithDbAsync(db => db.ActivationOffers.Where(o => o.BatchId == batchId).ToListAsync());
        Assert.Equal(ready, offers.Count);
        Assert.Equal(ready, offers.Select(o => o.PupilId).Distinct().Count());
        var done = await App.WithDbAsync(db => db.CodeBatches.SingleAsync(b => b.Id == batchId));
        Assert.Equal((CodeBatchState.Done, ready, ready), (done.State, done.Done, done.Total));
        Assert.Equal(2, await App.WithDbAsync(db => db.SlipSets.CountAsync(s => s.BatchId == batchId)));
    }
}
