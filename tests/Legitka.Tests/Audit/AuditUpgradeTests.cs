using Legitka.Audit;
using Legitka.Data;
using Legitka.Tests.Cli;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Legitka.Tests.Audit;

/// <summary>
/// A database of the release before the chain was keyed — a plain SHA-256 chain and a pending entry without a MAC —
/// upgraded by a start of this one: the old entries are anchored under the key, stay verifiable, and can no longer be
/// rewritten unnoticed.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class AuditUpgradeTests
{
    [Fact]
    public async Task A_chain_from_before_the_key_is_anchored_by_the_upgrade_and_stays_protected()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = TestDatabase.Create();
        var options = new DbContextOptionsBuilder<LegitkaDbContext>();
        DatabaseSetup.Configure(options, database.Provider, database.ConnectionString);
        await using (var db = LegitkaDbContext.Create(options.Options, TimeProvider.System))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_KeyedAuditChain", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, ct);
            // As the earlier release wrote them: no KeyVersion, no Seal; hashes made once the stored times are read back.
            var at = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 1; i <= 3; i++)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"AuditEntries\" (\"Id\", \"Sequence\", \"At\", \"ActorName\", \"Action\", \"EntityType\", \"EntityId\", \"PreviousHash\", \"Hash\") " +
                    "VALUES ({0}, {1}, {2}, 'secretary', 'pupil.updated', 'Pupil', {3}, '', '')", [Guid.NewGuid(), (long)i, at.AddMinutes(i), $"p{i}"], ct);
            }

            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"PendingAuditEntries\" (\"Id\", \"At\", \"ActorName\", \"Action\", \"EntityType\", \"EntityId\") " +
                "VALUES ({0}, {1}, 'system', 'mobileid.activated', 'Pupil', 'p1')", [Guid.NewGuid(), at.AddMinutes(5)], ct);
            await SealAsTheEarlierReleaseDidAsync(db, 3, ct);
        }

        // The upgrade: any verb starts as a node does (schema, then the anchor), and verify seals what is pending.
        var (exit, output, error) = await CliRunner.RunAsync(["audit", "verify", .. database.ConfigurationArgs]);
        Assert.True(exit == 0, error);
        Assert.Contains("audit chain intact: 5 entries (the first 3 from before the chain was keyed", output);
        await using (var db = LegitkaDbContext.Create(options.Options, TimeProvider.System))
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct);
            Assert.Equal([0, 0, 0, AuditChainKey.Version, AuditChainKey.Version], entries.Select(e => e.KeyVersion));
            Assert.Equal(AuditChain.AnchorAction, entries[3].Action);
            Assert.Equal(entries[2].Hash, entries[3].PreviousHash);
            // The pending row had no MAC: written before pending entries carried one, or forged; said either way.
            Assert.Equal("audit.pending-unverified", entries[4].Action);
            Assert.Contains("no MAC", entries[4].Details);

            // Rewriting an old entry now (and every old hash after it, as anyone could before) breaks the anchor's link.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"ActorName\" = 'someone else' WHERE \"Sequence\" = 2", ct);
            await SealAsTheEarlierReleaseDidAsync(db, 3, ct);
        }

        (exit, _, error) = await CliRunner.RunAsync(["audit", "verify", .. database.ConfigurationArgs]);
        Assert.Equal(1, exit);
        Assert.Contains("entry #4 does not follow the hash of entry #3", error);

        // Making the database ask for the upgrade again — the new columns and the migration's history row gone, the whole
        // chain unkeyed — does not get it anchored anew: this node remembers the upgrade in its data directory.
        await using (var db = LegitkaDbContext.Create(options.Options, TimeProvider.System))
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DROP COLUMN \"KeyVersion\"", ct);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"PendingAuditEntries\" DROP COLUMN \"Seal\"", ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_KeyedAuditChain'", ct);
            await SealAsTheEarlierReleaseDidAsync(db, 5, ct);
        }

        (exit, _, error) = await CliRunner.RunAsync(["audit", "verify", .. database.ConfigurationArgs]);
        Assert.Equal(1, exit);
        Assert.Contains("entries #1–#5 are sealed without the chain's key and not anchored", error);
    }

    /// <summary>Re-hashes the unkeyed entries as one SHA-256 chain, reading only the columns the earlier release had.</summary>
    private static async Task SealAsTheEarlierReleaseDidAsync(LegitkaDbContext db, int entries, CancellationToken ct)
    {
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => new AuditEntry
        {
            Id = e.Id, Sequence = e.Sequence, At = e.At, ActorId = e.ActorId, ActorName = e.ActorName, Action = e.Action, EntityType = e.EntityType,
            EntityId = e.EntityId, SchoolId = e.SchoolId, Details = e.Details,
        }).Take(entries).ToListAsync(ct);
        var previous = AuditChain.GenesisHash;
        foreach (var row in rows)
        {
            row.PreviousHash = previous;
            row.Hash = AuditChain.ComputeUnkeyed(row);
            previous = row.Hash;
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"PreviousHash\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = {2}",
                [row.PreviousHash, row.Hash, row.Sequence], ct);
        }
    }
}
