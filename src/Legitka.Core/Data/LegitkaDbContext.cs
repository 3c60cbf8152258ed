using System.Text.Json;
using Legitka.Accounts;
using Legitka.Applications;
using Legitka.Notifications;
using Legitka.Photos;
using Legitka.Readiness;
using Legitka.Audit;
using Legitka.Registry;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Data;

/// <summary>One model for SQLite and PostgreSQL; the provider is chosen at start (see <see cref="DatabaseOptions"/>).</summary>
/// <remarks>
/// Pooled (<see cref="DatabaseSetup.AddLegitkaDatabase"/>): EF Core requires a constructor that takes the options
/// alone, so the clock and the audit chain's key come with each lease, through <see cref="Create"/> or <see cref="Lease"/>.
/// </remarks>
public sealed class LegitkaDbContext(DbContextOptions<LegitkaDbContext> options)
    : IdentityDbContext<LegitkaUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    private TimeProvider? clock;
    private AuditChainKey? chainKey;

    /// <summary>A context of its own, outside the pool (design time, schema tests).</summary>
    /// <param name="auditKey">Seals audit entries; a context made without it cannot write them.</param>
    public static LegitkaDbContext Create(DbContextOptions<LegitkaDbContext> options, TimeProvider time, AuditChainKey? auditKey = null) =>
        new LegitkaDbContext(options).Lease(time, auditKey);

    /// <summary>
    /// Hands a context, new or back from the pool, the clock and the key of the scope that takes it. Take contexts from
    /// DI as <see cref="LegitkaDbContext"/>: the pool's <c>IDbContextFactory</c> hands them out without a lease.
    /// </summary>
    internal LegitkaDbContext Lease(TimeProvider leaseClock, AuditChainKey? leaseChainKey)
    {
        clock = leaseClock;
        chainKey = leaseChainKey;
        // No SAVEPOINT and RELEASE around each save inside a transaction (two round trips each, four per activation):
        // nothing here carries on with a transaction after a failed save; it rolls the whole of it back.
        Database.AutoSavepointsEnabled = false;
        return this;
    }

    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<Card> Cards => Set<Card>();
    public DbSet<PupilGuardian> PupilGuardians => Set<PupilGuardian>();
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PendingAuditEntry> PendingAuditEntries => Set<PendingAuditEntry>();
    public DbSet<MobileIdApplication> Applications => Set<MobileIdApplication>();
    public DbSet<PupilPhoto> Photos => Set<PupilPhoto>();
    public DbSet<PhotoContent> PhotoContents => Set<PhotoContent>();
    public DbSet<ClassReadinessReport> ReadinessReports => Set<ClassReadinessReport>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Codes.ActivationOffer> ActivationOffers => Set<Codes.ActivationOffer>();
    public DbSet<Codes.CodeBatch> CodeBatches => Set<Codes.CodeBatch>();
    public DbSet<Codes.SlipSet> SlipSets => Set<Codes.SlipSet>();
    public DbSet<Issuance.IssuedMobileId> IssuedMobileIds => Set<Issuance.IssuedMobileId>();
    public DbSet<Issuance.StatusListRecord> StatusLists => Set<Issuance.StatusListRecord>();
    public DbSet<Issuance.IssuerKey> IssuerKeys => Set<Issuance.IssuerKey>();
    public DbSet<Issuance.ConsumedNonce> ConsumedNonces => Set<Issuance.ConsumedNonce>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Security.LocalSecretCheck> LocalSecretChecks => Set<Security.LocalSecretCheck>();

    public TimeProvider Clock => clock ?? throw new InvalidOperationException("This context was not leased with a clock.");

    private AuditChainKey ChainKey =>
        chainKey ?? throw new InvalidOperationException("This context was made without the audit chain's key, so it cannot write audit entries.");

    /// <summary>Adds an audit entry that is sealed into the hash chain and saved with the change it describes.</summary>
    public void Audit(Actor actor, string action, string entityType, object? entityId, Guid? schoolId, object? details = null) =>
        AuditEntries.Add(NewAuditEntry(actor, action, entityType, entityId, schoolId, details));

    /// <summary>
    /// Adds an audit entry that is saved with the change it describes and sealed into the chain moments later by
    /// <see cref="AuditSealer"/>: for hot paths (activations), where waiting for the chain's lock would serialize them.
    /// </summary>
    public void AuditLater(Actor actor, string action, string entityType, object? entityId, Guid? schoolId, object? details = null) =>
        PendingAuditEntries.Add(PendingAuditEntry.From(NewAuditEntry(actor, action, entityType, entityId, schoolId, details), ChainKey));

    /// <summary>An entry for <see cref="AppendAuditEntriesAsync"/>, the bulk path.</summary>
    public AuditEntry NewAuditEntry(Actor actor, string action, string entityType, object? entityId, Guid? schoolId, object? details = null) =>
        new()
        {
            At = AuditChain.TruncateToMicroseconds(Clock.GetUtcNow()),
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            SchoolId = schoolId,
            Details = details is null ? null : JsonSerializer.Serialize(details),
        };

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (AddedAuditEntries().Count > 0)
        {
            throw new InvalidOperationException("Audited changes must be saved with SaveChangesAsync.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = AddedAuditEntries();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await SealAsync(pending, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Seals and inserts many entries with one statement per few hundred rows (large imports). Must run inside the
    /// caller's transaction, so the entries commit or vanish with the changes they describe.
    /// </summary>
    public async Task AppendAuditEntriesAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk audit appends must run inside a transaction.");
        }

        await SealAsync(entries, ct);
        await BulkInsert.InsertAsync(this, entries, ct);
    }

    private async Task SealAsync(IReadOnlyList<AuditEntry> pending, CancellationToken ct)
    {
        var key = ChainKey;
        await AuditAppendLock.AcquireAsync(this, ct);
        var head = await AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash, e.KeyVersion })
            .FirstOrDefaultAsync(ct);
        if (head?.KeyVersion == 0 && pending is not [{ Action: AuditChain.AnchorAction }])
        {
            // Appending to it would leave the unkeyed beginning without the keyed entry that pins it (AuditChain.VerifyAsync).
            throw new InvalidOperationException(
                "The audit log's entries from before the chain was keyed are not anchored yet: the upgrade's first start does that " +
                "(after an interrupted one, run `legitka audit anchor`).");
        }

        var (sequence, hash) = head is null ? (0L, AuditChain.GenesisHash) : (head.Sequence, head.Hash);
        foreach (var entry in pending)
        {
            AuditChain.Seal(entry, ++sequence, hash, key);
            hash = entry.Hash;
        }
    }

    private List<AuditEntry> AddedAuditEntries()
    {
        var pending = new List<AuditEntry>();
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(entry.Entity);
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("The audit log is append-only.");
            }
        }

        return pending;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LegitkaDbContext).Assembly);
    }
}
