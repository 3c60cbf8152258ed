using Legitka.Audit;
using Legitka.Data;
using Legitka.Tests.Cli;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Audit;

/// <summary>The audit log detects an altered, removed or re-sealed entry, on the database this run targets.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class AuditChainTests
{
    private static async Task<TestApp> AppWithEntriesAsync(int extra)
    {
        var app = await TestApp.StartAsync();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        for (var i = 0; i < extra; i++)
        {
            db.Audit(new Actor(null, "tester"), "test.event", "Test", i, null, new { i });
            await db.SaveChangesAsync();
        }

        return app;
    }

    private static Task<AuditVerification> VerifyAsync(TestApp app) => app.VerifyAuditAsync();

    /// <summary>
    /// Rewrites entries from <paramref name="from"/> on as someone without the key would: every later hash recomputed with
    /// plain SHA-256 (which is also how the chain was sealed before it was keyed), after <paramref name="alter"/>.
    /// </summary>
    private static Task ResealWithoutKeyAsync(TestApp app, long from, Func<AuditEntry, AuditEntry>? alter = null) => app.WithDbAsync(async db =>
    {
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var previous = from == 1 ? AuditChain.GenesisHash : entries.Single(e => e.Sequence == from - 1).Hash;
        foreach (var original in entries.Where(e => e.Sequence >= from))
        {
            var entry = alter?.Invoke(original) ?? original;
            entry.Sequence = original.Sequence;
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.ComputeUnkeyed(entry);
            previous = entry.Hash;
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"AuditEntries\" SET \"ActorName\" = {0}, \"PreviousHash\" = {1}, \"Hash\" = {2}, \"KeyVersion\" = 0 WHERE \"Sequence\" = {3}",
                entry.ActorName, entry.PreviousHash, entry.Hash, entry.Sequence);
        }

        return 0;
    });

    private static Task<(int Exit, string Output, string Error)> AuditCliAsync(TestApp app, string verb) =>
        CliRunner.RunAsync(["audit", verb, .. app.Database.ConfigurationArgs]);

    [Fact]
    public async Task Untouched_chain_verifies_in_code_and_from_the_command_line()
    {
        await using var app = await AppWithEntriesAsync(5);
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(6, result.EntriesChecked);

        var (exit, output, _) = await CliRunner.RunAsync(["audit", "verify", .. app.Database.ConfigurationArgs]);
        Assert.Equal(0, exit);
        Assert.Contains("audit chain intact: 6 entries", output);
    }

    [Fact]
    public async Task Entries_audited_for_later_join_the_chain_in_the_order_they_were_written()
    {
        await using var app = await AppWithEntriesAsync(2);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            for (var i = 0; i < 3; i++)
            {
                db.AuditLater(Actor.System, "test.later", "Test", i, null, new { i });
                app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            }

            await db.SaveChangesAsync();
        }

        // Whoever seals first — the server's sealer or `audit verify` itself — the chain holds all of them, in order.
        var (exit, output, _) = await CliRunner.RunAsync(["audit", "verify", .. app.Database.ConfigurationArgs]);
        Assert.Equal(0, exit);
        Assert.Contains("audit chain intact: 6 entries", output);
        Assert.Equal(0, await app.WithDbAsync(db => db.PendingAuditEntries.CountAsync()));
        var later = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "test.later").OrderBy(e => e.Sequence).Select(e => e.EntityId).ToListAsync());
        Assert.Equal(["0", "1", "2"], later);
    }

    [Fact]
    public async Task Altered_entry_is_detected()
    {
        await using var app = await AppWithEntriesAsync(5);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Details\" = {0} WHERE \"Sequence\" = 4", "{\"i\":99}"));

        var result = await VerifyAsync(app);
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("altered", result.Problem);
        var (exit, _, error) = await CliRunner.RunAsync(["audit", "verify", .. app.Database.ConfigurationArgs]);
        Assert.Equal(1, exit);
        Assert.Contains("entry #4 was altered", error);
    }

    [Fact]
    public async Task Removed_entry_is_detected()
    {
        await using var app = await AppWithEntriesAsync(5);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3"));
        var result = await VerifyAsync(app);
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("entry #3 is missing", result.Problem);
    }

    [Fact]
    public async Task Rewritten_entry_with_a_fresh_hash_breaks_the_next_link()
    {
        await using var app = await AppWithEntriesAsync(5);
        var key = app.Services.GetRequiredService<AuditChainKey>();
        await app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2);
            var forged = new AuditEntry
            {
                At = entry.At, ActorName = "someone else", Action = entry.Action, EntityType = entry.EntityType, EntityId = entry.EntityId,
                SchoolId = entry.SchoolId, Details = entry.Details,
            };
            // Even with the key (someone who has the server's secret too), a rewritten entry breaks the next link.
            AuditChain.Seal(forged, 2, entry.PreviousHash, key);
            return await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"AuditEntries\" SET \"ActorName\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = 2", forged.ActorName, forged.Hash);
        });

        var result = await VerifyAsync(app);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task Rewriting_an_entry_and_resealing_every_later_one_without_the_key_is_detected()
    {
        await using var app = await AppWithEntriesAsync(5);
        await ResealWithoutKeyAsync(app, from: 3, e => new AuditEntry
        {
            At = e.At, ActorName = e.Sequence == 3 ? "someone else" : e.ActorName, Action = e.Action, EntityType = e.EntityType,
            EntityId = e.EntityId, SchoolId = e.SchoolId, Details = e.Details,
        });

        var result = await VerifyAsync(app);
        Assert.Equal(3, result.BrokenAt);
        var (exit, _, error) = await AuditCliAsync(app, "verify");
        Assert.Equal(1, exit);
        Assert.Contains("entry #3 is sealed without the chain's key after keyed entries", error);
    }

    [Fact]
    public async Task A_chain_rewritten_without_the_key_from_its_first_entry_is_broken_and_stops_audited_writes_until_an_operator_anchors_it()
    {
        await using var app = await AppWithEntriesAsync(5);
        await ResealWithoutKeyAsync(app, from: 1);

        var result = await VerifyAsync(app);
        Assert.Equal(1, result.BrokenAt);
        Assert.Contains("entries #1–#6 are sealed without the chain's key and not anchored", result.Problem);
        // Every start of this release finds the chain so: none anchors it on its own, and nothing more is chained to it.
        var (exit, _, error) = await AuditCliAsync(app, "verify");
        Assert.Equal(1, exit);
        Assert.Contains("not anchored", error);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            db.Audit(new Actor(null, "tester"), "test.event", "Test", 99, null);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("legitka audit anchor", refused.Message);
        }

        // Only an operator's word makes the key vouch for them (after an upgrade that stopped before its anchor).
        (exit, var output, error) = await AuditCliAsync(app, "anchor");
        Assert.True(exit == 0, error);
        Assert.Contains("anchored the 6 entries", output);
        (exit, output, _) = await AuditCliAsync(app, "verify");
        Assert.Equal(0, exit);
        Assert.Contains("audit chain intact: 7 entries (the first 6 from before the chain was keyed", output);
        (_, output, _) = await AuditCliAsync(app, "anchor");
        Assert.Contains("nothing to do", output);
    }

    [Fact]
    public async Task Two_nodes_anchoring_at_once_anchor_once()
    {
        await using var app = await AppWithEntriesAsync(5);
        await ResealWithoutKeyAsync(app, from: 1);
        var anchored = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.WithDbAsync(db => UnkeyedBeginning.AnchorAsync(db, Actor.System, CancellationToken.None))));

        Assert.Equal([0L, 6L], anchored.Order());
        var chain = await VerifyAsync(app);
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal((7L, 6L), (chain.EntriesChecked, chain.Unkeyed));
    }

    [Fact]
    public async Task An_entry_naming_an_unknown_key_version_is_a_break()
    {
        await using var app = await AppWithEntriesAsync(3);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"KeyVersion\" = 7 WHERE \"Sequence\" = 2"));
        var result = await VerifyAsync(app);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("key version this release does not know (7)", result.Problem);
    }

    [Fact]
    public async Task An_unkeyed_entry_appended_the_way_an_earlier_release_would_is_refused_or_named()
    {
        await using var app = await AppWithEntriesAsync(2);
        var head = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        var entry = new AuditEntry { At = head.At, ActorName = "old node", Action = "test.event", EntityType = "Test", Sequence = head.Sequence + 1, PreviousHash = head.Hash };
        entry.Hash = AuditChain.ComputeUnkeyed(entry);
        // The earlier release's insert: it knows nothing of KeyVersion.
        var insert = () => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"AuditEntries\" (\"Id\", \"Sequence\", \"At\", \"ActorName\", \"Action\", \"EntityType\", \"PreviousHash\", \"Hash\") " +
            "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})",
            entry.Id, entry.Sequence, entry.At, entry.ActorName, entry.Action, entry.EntityType, entry.PreviousHash, entry.Hash));

        if (TestDatabase.TargetProvider == DatabaseProvider.Postgres)
        {
            // Several nodes share PostgreSQL: one left on the earlier release fails to write instead of breaking the chain.
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(insert);
            Assert.Equal(Npgsql.PostgresErrorCodes.NotNullViolation, refused.SqlState);
            return;
        }

        await insert();
        var result = await VerifyAsync(app);
        Assert.Equal(head.Sequence + 1, result.BrokenAt);
        Assert.Contains("sealed without the chain's key after keyed entries", result.Problem);
    }

    [Fact]
    public async Task A_pending_row_written_again_after_it_was_sealed_is_said_and_sealing_goes_on()
    {
        await using var app = await AppWithEntriesAsync(0);
        var replay = await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditLater(Actor.System, "test.later", "Pupil", "once", null);
            await db.SaveChangesAsync();
            var row = await db.PendingAuditEntries.AsNoTracking().SingleAsync();
            await transaction.CommitAsync();
            return row;
        });
        await app.SealAuditAsync();
        await app.WithDbAsync(async db =>
        {
            db.PendingAuditEntries.Add(replay);
            db.AuditLater(Actor.System, "test.later", "Pupil", "after", null);
            return await db.SaveChangesAsync();
        });

        await app.SealAuditAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.PendingAuditEntries.CountAsync()));
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Pupil").Select(e => new { e.Action, e.EntityId, e.Details }).ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.Contains("already sealed", Assert.Single(entries, e => e.Action == "audit.pending-unverified").Details);
        Assert.Contains(entries, e => e.EntityId == "once" && e.Action == "test.later");
        Assert.Contains(entries, e => e.EntityId == "after" && e.Action == "test.later");
        var chain = await VerifyAsync(app);
        Assert.True(chain.Intact, chain.Problem);
    }

    [Fact]
    public async Task A_pending_entry_edited_or_forged_before_it_is_sealed_joins_the_chain_marked_unverified()
    {
        await using var app = await AppWithEntriesAsync(0);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            // Edited and forged inside the transaction that wrote them, so that the server's sealer cannot take them first.
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditLater(Actor.System, "test.later", "Pupil", "edited", null, new { key = "genuine" });
            db.AuditLater(Actor.System, "test.later", "Pupil", "kept", null, new { key = "genuine" });
            db.PendingAuditEntries.Add(new PendingAuditEntry
            {
                At = app.Clock.GetUtcNow().UtcDateTime, ActorName = "system", Action = "test.later", EntityType = "Pupil", EntityId = "forged",
                Seal = new string('0', 64),
            });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"PendingAuditEntries\" SET \"Details\" = {0} WHERE \"EntityId\" = 'edited'", "{\"key\":\"other\"}");
            await transaction.CommitAsync();
        }

        await app.SealAuditAsync();
        var sealedEntries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Pupil").ToDictionaryAsync(e => e.EntityId!));
        Assert.Equal("test.later", sealedEntries["kept"].Action);
        Assert.Equal("audit.pending-unverified", sealedEntries["edited"].Action);
        Assert.Contains("\"action\":\"test.later\"", sealedEntries["edited"].Details);
        Assert.Contains("other", sealedEntries["edited"].Details);
        Assert.Equal("audit.pending-unverified", sealedEntries["forged"].Action);
        var chain = await VerifyAsync(app);
        Assert.True(chain.Intact, chain.Problem);
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        await using var app = await AppWithEntriesAsync(0);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            for (var i = 0; i < 10; i++)
            {
                await using var scope = app.Scope();
                var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
                db.Audit(new Actor(null, $"writer {writer}"), "test.concurrent", "Test", i, null);
                await db.SaveChangesAsync();
            }
        }));

        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(81, result.EntriesChecked);
    }
}
