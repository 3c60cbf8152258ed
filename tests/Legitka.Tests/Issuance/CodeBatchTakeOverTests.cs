using Legitka.Audit;
using Legitka.Codes;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>A worker that loses its batch between two chunks stops at once, whatever it had prepared.</summary>
public sealed class CodeBatchTakeOverTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_batch_taken_over_between_chunks_writes_nothing_more_though_the_next_chunk_was_prepared()
    {
        var (schoolId, classIds) = await ReadyClasses.MakeSecondClassReadyAsync(App);
        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        generator.ChunkSize = 10; // a class per transaction
        generator.WritersAtOnce = 1; // so that "between chunks" is one moment (two writers: each checks its lease before its commit)
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, null, holdLease: true);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        var batchId = request.Batch!.Id;

        // After the first class is written (and while the second is being prepared), another worker takes the batch.
        var takeOver = new TakeOverAfterFirstChunk(App, batchId);
        await Assert.ThrowsAsync<LeaseLostException>(() => generator.RunAsync(request.Batch, takeOver, TestContext.Current.CancellationToken));

        var offers = await App.WithDbAsync(db => db.ActivationOffers.Where(o => o.BatchId == batchId).Join(db.Pupils, o => o.PupilId, p => p.Id, (o, p) => p.ClassId).ToListAsync());
        Assert.Single(offers.Distinct());
        Assert.Equal(1, await App.WithDbAsync(db => db.SlipSets.CountAsync(s => s.BatchId == batchId)));
        Assert.Equal(offers.Count, await App.WithDbAsync(db => db.CodeBatches.Where(b => b.Id == batchId).Select(b => b.Done).SingleAsync()));
    }

    /// <summary>Progress callback that hands the batch to "another worker" (a new lease token) once the first chunk is in.</summary>
    private sealed class TakeOverAfterFirstChunk(TestApp app, Guid batchId) : IProgress<CodeBatchProgress>
    {
        public void Report(CodeBatchProgress value)
        {
            if (value.Done > 0)
            {
                app.WithDbAsync(db => db.CodeBatches.Where(b => b.Id == batchId)
                    .ExecuteUpdateAsync(u => u.SetProperty(b => b.LeaseToken, Guid.NewGuid()))).GetAwaiter().GetResult();
            }
        }
    }
}
