using Legitka.Readiness;
using Legitka.Tests.Infrastructure;
using Legitka.Wallet;
using Legitka.Wallet.Keys;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Issuance;

/// <summary>
/// A class reported ready again gets codes for the pupils who need them: one whose mLegitymacja works is left out (used,
/// a new code would end it on the phone), and so is one whose slip still works unless the secretary asks to replace
/// unused slips; a pupil changing phones gets a code from the pupil's page.
/// </summary>
public sealed class ClassBatchActivePupilsTests
{
    [Fact]
    public async Task A_class_batch_leaves_out_pupils_with_an_active_mLegitymacja_and_a_pupils_own_batch_does_not()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var first = await TestBatches.RunAsync(app, schoolId, [classId], null);
        Assert.Equal(25, first.Count);
        var activated = first[3];
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(activated.OfferUri, activated.ActivationCode, DeviceKey.Generate()), exactMatch: false);

        await ReportReadyAgainAsync(app, schoolId, classId);
        var second = await TestBatches.RunAsync(app, schoolId, [classId], null, replaceUnused: true);
        Assert.Equal(24, second.Count);
        Assert.DoesNotContain(second, code => code.PupilId == activated.PupilId);

        var own = Assert.Single(await TestBatches.RunAsync(app, schoolId, [], activated.PupilId));
        Assert.Equal(activated.PupilId, own.PupilId);
    }

    [Fact]
    public async Task A_class_reported_ready_again_keeps_the_slips_handed_out_and_gives_codes_to_those_whose_slip_no_longer_works()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var first = await TestBatches.RunAsync(app, schoolId, [classId]);
        var (expired, locked, notCollected) = (first[10], first[11], first[12]);
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            await db.ActivationOffers.Where(o => o.Id == expired.OfferId).ExecuteUpdateAsync(u => u.SetProperty(o => o.ExpiresAt, now));
            // Accepted, but the phone died before it collected the mLegitymacja: the slip opens again, so it still works.
            await db.ActivationOffers.Where(o => o.Id == notCollected.OfferId).ExecuteUpdateAsync(u => u.SetProperty(o => o.State, Legitka.Codes.OfferState.Redeemed));
            return await db.ActivationOffers.Where(o => o.Id == locked.OfferId).ExecuteUpdateAsync(u => u.SetProperty(o => o.State, Legitka.Codes.OfferState.LockedOut));
        });

        await ReportReadyAgainAsync(app, schoolId, classId);
        // Before choosing to replace them, the secretary sees how many printed slips still work.
        using (var secretary = await app.SignInAsync("sekretariat@sp7.legitka.test"))
        {
            var schoolPage = await secretary.GetStringAsync($"/schools/{schoolId}");
            Assert.Contains("ważne, niewykorzystane kartki: 22", schoolPage);
        }

        var second = await TestBatches.RunAsync(app, schoolId, [classId]);
        Assert.Equal(new[] { expired.PupilId, locked.PupilId }.Order(), second.Select(c => c.PupilId).Order());
        // The other 22 slips handed out still work, and the one accepted but not collected is as it was.
        var firstIds = first.Select(c => c.OfferId).Except([expired.OfferId, locked.OfferId, notCollected.OfferId]).ToList();
        Assert.Equal(22, await app.WithDbAsync(db => db.ActivationOffers.CountAsync(o => firstIds.Contains(o.Id) && o.State == Legitka.Codes.OfferState.Open)));
        Assert.Equal(Legitka.Codes.OfferState.Redeemed, await app.WithDbAsync(db => db.ActivationOffers.Where(o => o.Id == notCollected.OfferId).Select(o => o.State).SingleAsync()));

        // Asked to replace the unused ones, the batch gives that pupil a new code too, and the old slip no longer opens.
        await ReportReadyAgainAsync(app, schoolId, classId);
        var replaced = await TestBatches.RunAsync(app, schoolId, [classId], replaceUnused: true);
        Assert.Contains(replaced, c => c.PupilId == notCollected.PupilId);
        await app.WithDbAsync(db => db.ActivationOffers.Where(o => o.Id == notCollected.OfferId)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.AccessTokenExpiresAt, app.Clock.GetUtcNow().UtcDateTime)));
        using var phone = new TestHolder(app.AnonymousClient(), app.Address.ToString().TrimEnd('/'), app.Clock);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await phone.FetchOfferAsync(notCollected.OfferUri)).StatusCode);
    }

    [Fact]
    public async Task A_pupil_whose_mLegitymacja_shows_a_card_no_longer_valid_gets_a_code_with_the_class()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var activated = (await TestBatches.RunAsync(app, schoolId, [classId]))[5];
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(activated.OfferUri, activated.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        // The plastic card is replaced: the phone still shows the old number.
        await app.WithDbAsync(async db =>
        {
            var card = await db.Cards.SingleAsync(c => c.PupilId == activated.PupilId && c.InvalidatedAt == null);
            card.InvalidatedAt = app.Clock.GetUtcNow().UtcDateTime;
            card.InvalidationReason = "replaced";
            db.Cards.Add(new Legitka.Registry.Card
            {
                SchoolId = card.SchoolId, PupilId = card.PupilId, Number = card.Number + "-R", IssueDate = card.IssueDate, ValidUntil = card.ValidUntil,
            });
            return await db.SaveChangesAsync();
        });

        await ReportReadyAgainAsync(app, schoolId, classId);
        var again = await TestBatches.RunAsync(app, schoolId, [classId]);
        Assert.Contains(again, code => code.PupilId == activated.PupilId);
    }

    [Fact]
    public async Task Two_pupils_of_one_name_get_slips_that_name_their_cards()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var (first, second) = await app.WithDbAsync(async db =>
        {
            var two = await db.Pupils.Where(p => p.ClassId == classId).OrderBy(p => p.Id).Take(2).ToListAsync();
            (two[1].GivenNames, two[1].FamilyName) = (two[0].GivenNames, " " + two[0].FamilyName.ToUpperInvariant());
            await db.SaveChangesAsync();
            return (two[0].Id, two[1].Id);
        });

        var codes = await TestBatches.RunAsync(app, schoolId, [classId]);
        var cards = await app.WithDbAsync(db => db.Cards.Where(c => c.PupilId == first || c.PupilId == second).ToDictionaryAsync(c => c.PupilId, c => c.Number));
        Assert.Equal(cards[first], codes.Single(c => c.PupilId == first).CardNumber);
        Assert.Equal(cards[second], codes.Single(c => c.PupilId == second).CardNumber);
        Assert.Equal(2, codes.Count(c => c.CardNumber is not null));
    }

    private static Task ReportReadyAgainAsync(TestApp app, Guid schoolId, Guid classId) => app.WithDbAsync(db =>
    {
        db.ReadinessReports.Add(new ClassReadinessReport
        {
            SchoolId = schoolId, ClassId = classId, ReportedByName = "test", ReportedAt = app.Clock.GetUtcNow().UtcDateTime, LeftOutPupilIds = "[]", ReadyPupils = 25,
        });
        return db.SaveChangesAsync();
    });
}
