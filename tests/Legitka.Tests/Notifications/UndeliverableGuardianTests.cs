using Legitka.Notifications;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Notifications;

/// <summary>An address the e-diary let through but SMTP cannot take is skipped: the decision it would announce still goes through.</summary>
public sealed class UndeliverableGuardianTests
{
    [Fact]
    public async Task A_guardian_address_SMTP_cannot_take_is_skipped_and_the_others_are_told()
    {
        await using var app = await TestApp.StartAsync();
        // A pupil without guardians yet (the demo's guardian has two children somewhere).
        var pupilId = await app.WithDbAsync(db => db.Pupils.Where(p => !db.PupilGuardians.Any(g => g.PupilId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await app.WithDbAsync(async db =>
        {
            db.PupilGuardians.AddRange(new PupilGuardian { PupilId = pupilId, Email = "rodzic@@example.com" },
                new PupilGuardian { PupilId = pupilId, Email = "opiekunka@example.com" });
            await db.SaveChangesAsync();
            var schoolId = await db.Pupils.Where(p => p.Id == pupilId).Select(p => p.SchoolId).SingleAsync();
            await Notifier.EnqueueToGuardiansAsync(db, pupilId, schoolId, GuardianMessages.PhotoAccepted("Ola Nowak", "https://szkola.example"),
                TestContext.Current.CancellationToken);
            return await db.SaveChangesAsync();
        });

        var sent = await app.WithDbAsync(db => db.Outbox.Where(m => m.Subject.Contains("Ola Nowak")).Select(m => m.To).ToListAsync());
        Assert.Equal(["opiekunka@example.com"], sent);
    }
}
