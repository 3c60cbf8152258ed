using System.Net;
using Legitka.Tests.Infrastructure;
using Legitka.Tests.Issuance;
using Legitka.Wallet;
using Legitka.Wallet.Keys;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

/// <summary>
/// The school's list of code batches says what each was for (which classes, or which pupil), and each slip set how many
/// of its slips are still to hand out.
/// </summary>
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
        var pupilBatch = await app.WithDbAsync(db => db.CodeBatches.Where(b => b.PupilId == classCodes[0].PupilId).Select(b => b.Id).SingleAsync());
        Assert.Contains($"Nowy kod dla ucznia: {pupil}.", await secretary.GetStringAsync($"/codes/{pupilBatch}"));
    }

    [Fact]
    public async Task Slip_sets_say_how_many_slips_are_left_to_hand_out_and_a_used_up_one_is_not_offered()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var classCodes = await TestBatches.RunAsync(app, schoolId, [classId]);
        var own = Assert.Single(await TestBatches.RunAsync(app, schoolId, [], classCodes[0].PupilId));
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(own.OfferUri, own.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        var (classBatch, pupilBatch) = await app.WithDbAsync(async db => (
            await db.CodeBatches.Where(b => b.SchoolId == schoolId && b.PupilId == null).Select(b => b.Id).SingleAsync(),
            await db.CodeBatches.Where(b => b.PupilId == own.PupilId).Select(b => b.Id).SingleAsync()));
        var sets = await app.WithDbAsync(db => db.SlipSets.Where(s => s.BatchId == classBatch || s.BatchId == pupilBatch).ToDictionaryAsync(s => s.BatchId, s => s.Id));

        using var secretary = await app.SignInAsync("sekretariat@sp7.legitka.test");
        // The class's slips: one code replaced by the pupil's own, which was then used.
        Assert.Contains("kartek: 25, niewykorzystanych: 24,", await secretary.GetStringAsync($"/codes/{classBatch}"));
        var used = await secretary.GetStringAsync($"/codes/{pupilBatch}");
        Assert.Contains("kartek: 1, niewykorzystanych: 0,", used);
        Assert.Contains("(wszystkie kody wykorzystane, zastąpione lub wygasłe)", used);
        Assert.DoesNotContain($"/codes/slips/{sets[pupilBatch]}/pdf", used);
        var classPage = await secretary.GetStringAsync($"/classes/{classId}");
        Assert.Contains($"/codes/slips/{sets[classBatch]}/pdf", classPage);
        Assert.DoesNotContain($"/codes/slips/{sets[pupilBatch]}/pdf", classPage);
        Assert.Equal(HttpStatusCode.Gone, (await secretary.GetAsync($"/codes/slips/{sets[pupilBatch]}/pdf")).StatusCode);
    }
}
