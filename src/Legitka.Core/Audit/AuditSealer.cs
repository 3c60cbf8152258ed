using System.Text.Json;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Legitka.Audit;

/// <summary>
/// Seals <see cref="PendingAuditEntry"/> rows into the hash chain, oldest first, many per transaction: the chain's
/// lock is taken a few times a second instead of once per activation. Runs in the server; `audit verify` calls
/// <see cref="SealPendingAsync"/> itself before it checks the chain.
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, AuditChainKey key, TimeProvider clock, ILogger<AuditSealer> logger) : BackgroundService
{
    private const int BatchSize = 2_000;

    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(250);

    private static TimeSpan MaxBackoff { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Seals everything pending now; returns how many entries it sealed.</summary>
    public async Task<int> SealPendingAsync(CancellationToken ct)
    {
        int total = 0;
        int sealedNow;
        do
        {
            sealedNow = await SealBatchAsync(ct);
            total += sealedNow;
        }
        while (sealedNow == BatchSize);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SealPendingAsync(stoppingToken);
                wait = Interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The entries stay pending, so nothing is lost; while the database is away, try less and less often.
                logger.LogError(e, "Sealing pending audit entries failed; retrying in {Wait}", wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxBackoff.Ticks));
            }

            await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // What arrived during shutdown is sealed now rather than at the next start (or by `audit verify`).
        try
        {
            await SealPendingAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Pending audit entries left unsealed at shutdown; the next start or `legitka audit verify` seals them");
        }
    }

    private async Task<int> SealBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        if (!await db.PendingAuditEntries.AnyAsync(ct))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Under the chain's lock, so two nodes never seal the same pending entry twice.
        await AuditAppendLock.AcquireAsync(db, ct);
        var pending = await db.PendingAuditEntries.AsNoTracking().OrderBy(e => e.At).ThenBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        var ids = pending.Select(p => p.Id).ToList();
        // A row copied back after it was sealed would collide with its entry (and stop all sealing): said, not sealed again.
        var replayed = (await db.AuditEntries.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var entries = pending.Select(p => Admit(p, replayed.Contains(p.Id))).ToList();
        await db.AppendAuditEntriesAsync(entries, ct);
        foreach (var followUp in scope.ServiceProvider.GetServices<IAuditFollowUp>())
        {
            await followUp.OnSealedAsync(db, entries, ct);
        }

        await db.SaveChangesAsync(ct);
        await db.PendingAuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return pending.Count;
    }

    /// <summary>
    /// The entry as written, or — if its MAC does not match (edited, or inserted by someone without the key), or it was
    /// sealed before — an entry that says so and keeps what was found, so that nothing is hidden and nothing forged is
    /// passed off as real.
    /// </summary>
    private AuditEntry Admit(PendingAuditEntry pending, bool sealedBefore)
    {
        var problem = sealedBefore ? "already sealed into the chain (the row was written again)"
            : pending.Seal.Length == 0 ? "no MAC (written before pending entries carried one, or by someone without the key)"
            : pending.IsIntact(key) ? null
            : "its MAC does not match (edited, or written by someone without the key)";
        if (problem is null)
        {
            return pending.ToEntry();
        }

        logger.LogWarning("Pending audit entry {Id}: {Problem}; sealed as audit.pending-unverified", pending.Id, problem);
        return new AuditEntry
        {
            At = pending.At,
            ActorName = Actor.System.Name,
            Action = "audit.pending-unverified",
            EntityType = pending.EntityType,
            EntityId = pending.EntityId,
            SchoolId = pending.SchoolId,
            Details = JsonSerializer.Serialize(new
            {
                problem, pending = pending.Id, action = pending.Action, actor = pending.ActorName, actor_id = pending.ActorId, details = pending.Details,
            }),
        };
    }
}
