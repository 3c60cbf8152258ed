using Legitka.Audit;
using Legitka.Codes;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>Runs a code batch to the end, as the command line does, and opens its slips.</summary>
internal static class TestBatches
{
    /// <summary>A demo class by name, with its school (the demo's 8D is the one reported ready).</summary>
    public static async Task<(Guid SchoolId, Guid ClassId)> ClassAsync(TestApp app, string name)
    {
        var found = await app.WithDbAsync(db => db.Classes.Where(c => c.Name == name).Select(c => new { c.SchoolId, c.Id }).SingleAsync());
        return (found.SchoolId, found.Id);
    }

    public static async Task<IReadOnlyList<IssuedCode>> RunAsync(TestApp app, Guid schoolId, Guid[] classIds, Guid? pupilId = null, bool replaceUnused = false)
    {
        await using var scope = app.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), classIds, pupilId, holdLease: true, replaceUnused);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        await generator.RunAsync(request.Batch!);
        return await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(request.Batch!.Id);
    }
}
