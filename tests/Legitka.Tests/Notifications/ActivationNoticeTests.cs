using Legitka.Audit;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;
using Legitka.Tests.Issuance;
using Legitka.Wallet;
using Legitka.Wallet.Keys;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Notifications;

/// <summary>
/// Guardians hear of every activation of their child's mLegitymacja (and that a previous phone lost it), so that one
/// made with a slip taken from a desk comes to light; a forged audit row tells nobody anything.
/// </summary>
public sealed class ActivationNoticeTests
{
    private static readonly string[] Guardians = ["mama.8d@example.com", "tata.8d@example.com"];

    private const string Undeliverable = "rodzic@@example.com";

    [Fact]
    public async Task Each_guardian_is_told_of_each_activation_and_of_the_phone_it_ended()
    {
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await TestBatches.ClassAsync(app, "8D");
        var codes = await TestBatches.RunAsync(app, schoolId, [classId]);
        var (pupil, other) = (codes[8], codes[9]);
        var name = await app.WithDbAsync(async db =>
        {
            db.PupilGuardians.AddRange(Guardians.Select(email => new PupilGuardian { PupilId = pupil.PupilId, Email = email }));
            // An address the e-diary let through but SMTP cannot take is skipped, and holds up nothing.
            Assert.False(Legitka.Notifications.Notifier.IsDeliverable(Undeliverable));
            db.PupilGuardians.Add(new PupilGuardian { PupilId = pupil.PupilId, Email = Undeliverable });
            await db.SaveChangesAsync();
            return await db.Pupils.Where(p => p.Id == pupil.PupilId).Select(p => p.GivenNames + " " + p.FamilyName).SingleAsync();
        });
        var wallet = new WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(pupil.OfferUri, pupil.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(other.OfferUri, other.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        await app.SealAuditAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.PendingAuditEntries.CountAsync()));

        var first = await MessagesAsync(app);
        Assert.Equal(Guardians, first.Select(m => m.To).Order());
        Assert.All(first, m => Assert.Equal($"mLegitymacja: aktywowana na telefonie ({name})", m.Subject));
        Assert.All(first, m => Assert.Contains($"Dotyczy: {name}", m.Body));
        Assert.All(first, m => Assert.DoesNotContain("poprzednim telefonie", m.Body));

        // A new phone: the guardians hear that the old one lost it.
        var second = Assert.Single(await TestBatches.RunAsync(app, schoolId, [], pupil.PupilId));
        Assert.IsType<ActivationSuccess>(await wallet.ActivateAsync(second.OfferUri, second.ActivationCode, DeviceKey.Generate()), exactMatch: false);
        await app.SealAuditAsync();
        var all = await MessagesAsync(app);
        Assert.Equal(4, all.Count);
        Assert.Equal(2, all.Count(m => m.Body.Contains("Na poprzednim telefonie mLegitymacja przestała działać.", StringComparison.Ordinal)));

        // A row forged into the pending audit entries (no MAC) is sealed as unverified and sends nothing.
        await app.WithDbAsync(db =>
        {
            db.PendingAuditEntries.Add(new PendingAuditEntry
            {
                At = app.Clock.GetUtcNow().UtcDateTime, ActorName = "system", Action = "mobileid.activated", EntityType = "Pupil",
                EntityId = pupil.PupilId.ToString(), SchoolId = schoolId, Details = "{\"ended\":[]}",
            });
            return db.SaveChangesAsync();
        });
        await app.SealAuditAsync();
        Assert.Equal(4, (await MessagesAsync(app)).Count);
    }

    private static Task<List<(string To, string Subject, string Body)>> MessagesAsync(TestApp app) => app.WithDbAsync(async db =>
        (await db.Outbox.Where(m => Guardians.Contains(m.To)).Select(m => new { m.To, m.Subject, m.Body }).ToListAsync())
            .Select(m => (m.To, m.Subject, m.Body)).ToList());
}
