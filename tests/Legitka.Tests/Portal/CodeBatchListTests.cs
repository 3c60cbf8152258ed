using Legitka.Tests.Infrastructure;
using Legitka.Tests.Issuance;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

/// <summary>The school's list of code batches says what each was for: which classes, or which pupil.</summary>
public sealed class CodeBatchListTests
{
    [Fact]
    public async Task Each_batch_names_its_classes_or_its_pupil()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var classCodes = await TestBatches.RunAsync(app, schoolId, [classId]);
        var pupil = await app.WithDbAsync(db => db.Pupils.Where(p => p.Id == classCodes[0].PupilId).Select(p => p.GivenNames + " " + p.FamilyName).SingleAsync());
        await TestBatches.RunAsync(app, schoolId, [], classCodes[0].PupilId);

        using var secretary = await app.SignInAsync("sekretariat@sp7.legitka.test");
        var page = await secretary.GetStringAsync($"/schools/{schoolId}");
        var list = page[page.IndexOf("id=\"code-batches\"", StringComparison.Ordinal)..];
        Assert.Contains("klasy: 8D", list);
        Assert.Contains($"uczeń: {pupil}", list); // the portal prints Polish letters as they are
    }
}
