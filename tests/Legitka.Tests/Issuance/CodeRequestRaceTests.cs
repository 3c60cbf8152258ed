using Legitka.Audit;
using Legitka.Codes;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>Two secretaries (or two tabs) asking for codes at the same moment get one batch, not two voiding each other.</summary>
public sealed class CodeRequestRaceTests
{
    [Fact]
    public async Task Requests_at_the_same_moment_make_one_batch_and_the_database_refuses_a_second_unfinished_one()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<CodeGenerator>()
                .RequestAsync(schoolId, Actor.Cli(), [classId], null, holdLease: true);
        }));

        Assert.Single(results, r => r.Outcome.Succeeded);
        Assert.All(results.Where(r => !r.Outcome.Succeeded), r => Assert.Equal("batch_running", r.Outcome.Code));
        // Whichever way the four interleaved, the database holds the line on its own too (the batch holds its lease, so no
        // worker finishes it meanwhile).
        var second = new CodeBatch
        {
            SchoolId = schoolId, RequestedByName = "test", CreatedAt = app.Clock.GetUtcNow().UtcDateTime, ClassIds = "[]",
            State = CodeBatchState.Queued,
        };
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(db =>
        {
            db.CodeBatches.Add(second);
            return db.SaveChangesAsync();
        }));
    }
}
