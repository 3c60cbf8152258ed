using Legitka.Codes;
using Legitka.Data;
using Legitka.Issuance;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Legitka.Tests.Registry;

/// <summary>
/// A database of the release before self-contained codes and ordered status entries, with a list in use and offers in
/// every state of the flow, upgraded in place: the data stay, old lists close, the dropped columns are gone, and
/// codes printed before references carried the offer id are void.
/// </summary>
public sealed class MigrationUpgradeTests
{
    [Fact]
    public async Task A_database_with_codes_and_a_status_list_in_use_upgrades_in_place()
    {
        using var database = TestDatabase.Create();
        var options = new DbContextOptionsBuilder<LegitkaDbContext>();
        DatabaseSetup.Configure(options, database.Provider, database.ConnectionString);
        await using var db = LegitkaDbContext.Create(options.Options, TimeProvider.System);
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_StatusIndexBlocks", StringComparison.Ordinal)) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before, TestContext.Current.CancellationToken);

        // Rows of tables this upgrade does not touch go in through today's model; the two it changes, as they were.
        // (Schools have gained a column since, so the school goes in as it was too.)
        var school = new School { Name = "SP 1", Rspo = "123456", Address = "ul. Szkolna 1, 00-001 Warszawa", CreatedAt = DateTime.UtcNow };
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Schools" ("Id", "Name", "Rspo", "Address", "CreatedAt", "Policy", "PhotoMaxBytes", "PhotoMinWidth", "PhotoMinHeight",
                "FirstCodeValidDays", "LaterCodeValidDays", "DevicesPerPupil")
            VALUES ({school.Id}, {school.Name}, {school.Rspo}, {school.Address}, {school.CreatedAt}, {"OnApplication"}, {school.PhotoMaxBytes},
                {school.PhotoMinWidth}, {school.PhotoMinHeight}, {school.FirstCodeValidDays}, {school.LaterCodeValidDays}, {school.DevicesPerPupil})
            """, TestContext.Current.CancellationToken);
        var schoolClass = new SchoolClass { SchoolId = school.Id, Name = "1A" };
        var pupil = new Pupil
        {
            SchoolId = school.Id, ClassId = schoolClass.Id, GivenNames = "Ola", FamilyName = "Nowak", BirthDate = new DateOnly(2015, 3, 1),
            Pesel = "15230100008", Address = "ul. Polna 2, 00-001 Warszawa", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.AddRange(schoolClass, pupil);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        // The code batches' table has changed since, too.
        var batch = new { Id = Guid.NewGuid() };
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "CodeBatches" ("Id", "SchoolId", "RequestedByName", "CreatedAt", "ClassIds", "State", "Total", "Done")
            VALUES ({batch.Id}, {school.Id}, {"test"}, {DateTime.UtcNow}, {"[]"}, {"Done"}, {0}, {0})
            """, TestContext.Current.CancellationToken);
        var (voided, open) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTime.UtcNow;
        var hash = new byte[32];
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "StatusLists" ("Size", "CreatedAt", "Accepting") VALUES ({1 << 20}, {now}, {true});
            INSERT INTO "ActivationOffers" ("Id", "SchoolId", "PupilId", "BatchId", "ReferenceHash", "ActivationCodeHash", "CreatedAt", "ExpiresAt",
                "State", "FailedAttempts", "RedeemedAt", "AccessTokenHash", "AccessTokenExpiresAt", "AccessTokenKeyThumbprint", "EndedAt", "EndReason")
            VALUES ({voided}, {school.Id}, {pupil.Id}, {batch.Id}, {new byte[] { 1 }}, {hash}, {now}, {now.AddDays(30)}, {"Voided"}, {2},
                {now}, {new byte[] { 2 }}, {now.AddMinutes(5)}, {"thumb"}, {now}, {"replaced by a new code"});
            INSERT INTO "ActivationOffers" ("Id", "SchoolId", "PupilId", "BatchId", "ReferenceHash", "ActivationCodeHash", "CreatedAt", "ExpiresAt",
                "State", "FailedAttempts", "PreAuthorizedCodeHash", "PreAuthorizedCodeExpiresAt")
            VALUES ({open}, {school.Id}, {pupil.Id}, {batch.Id}, {new byte[] { 3 }}, {hash}, {now}, {now.AddDays(7)}, {"Open"}, {1},
                {new byte[] { 4 }}, {now.AddMinutes(10)});
            """, TestContext.Current.CancellationToken);

        await migrator.MigrateAsync(null, TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        var lists = await db.StatusLists.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(lists, l => Assert.Equal((false, 0), (l.Accepting, l.Allocated)));
        var offers = await db.ActivationOffers.AsNoTracking().OrderBy(o => o.ExpiresAt).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([open, voided], offers.Select(o => o.Id));
        // Its slip names no offer id (OffersFoundById): void, so that the school sees it and can print a new code.
        Assert.Equal((OfferState.Voided, 1, null), (offers[0].State, offers[0].FailedAttempts, offers[0].ReopenedAt));
        Assert.StartsWith("printed before offer references carried the offer id", offers[0].EndReason);
        Assert.InRange(offers[0].EndedAt!.Value, now.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.Equal((OfferState.Voided, 2, "replaced by a new code"), (offers[1].State, offers[1].FailedAttempts, offers[1].EndReason));
        Assert.NotNull(offers[1].AccessTokenExpiresAt);
        Assert.Null(offers[1].ReopenedAt);
    }
}
