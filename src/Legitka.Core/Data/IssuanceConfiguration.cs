using Legitka.Codes;
using Legitka.Issuance;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Legitka.Data;

internal sealed class ActivationOfferConfiguration : IEntityTypeConfiguration<ActivationOffer>
{
    public void Configure(EntityTypeBuilder<ActivationOffer> b)
    {
        b.ToTable("ActivationOffers");
        b.Property(o => o.State).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.ReferenceHash).HasMaxLength(32);
        b.Property(o => o.ActivationCodeHash).HasMaxLength(32);
        b.Property(o => o.EndReason).HasMaxLength(300);
        // One live code per pupil, whatever two batches or nodes do at once: a new code must void the old one first.
        b.HasIndex(o => o.PupilId, "IX_ActivationOffers_Open").IsUnique().HasFilter("\"State\" = 'Open'");
        // Offers go in by the thousand, and each foreign key costs every row a lookup: the pupil's key carries the
        // school, so one check does for both (and, on PostgreSQL, an offer can no longer name another school than its
        // pupil's; SQLite databases keep the two single keys, see migration LeanerOfferKeys). Its index (pupil,
        // school) also serves every read by pupil.
        b.HasOne<Pupil>().WithMany().HasForeignKey(o => new { o.PupilId, o.SchoolId }).HasPrincipalKey(p => new { p.Id, p.SchoolId })
            .OnDelete(DeleteBehavior.Restrict);
        // No index on the reference's hash: the reference carries the offer's id (see OfferReference). And no foreign
        // key to the batch: nothing reads offers by batch, batches are never deleted, and the key would cost every
        // offer a lookup and an index entry (SQLite databases keep the key, see migration OffersFoundById).
    }
}

internal sealed class CodeBatchConfiguration : IEntityTypeConfiguration<CodeBatch>
{
    public void Configure(EntityTypeBuilder<CodeBatch> b)
    {
        b.ToTable("CodeBatches");
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RequestedByName).HasMaxLength(256);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.Property(x => x.LeaseToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.SchoolId, x.CreatedAt });
        b.HasIndex(x => x.State);
        // One unfinished batch per school, also when two secretaries (or two tabs) ask at the same moment: a second would
        // void the first one's codes while its slips are printed.
        b.HasIndex(x => x.SchoolId).IsUnique().HasFilter("\"State\" IN ('Queued', 'Running')").HasDatabaseName("IX_CodeBatches_OneUnfinishedPerSchool");
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SlipSetConfiguration : IEntityTypeConfiguration<SlipSet>
{
    public void Configure(EntityTypeBuilder<SlipSet> b)
    {
        b.ToTable("SlipSets");
        // One set per class per batch: a resumed batch that redoes a class fails instead of printing twice.
        b.HasIndex(s => new { s.BatchId, s.ClassId }).IsUnique();
        b.HasIndex(s => new { s.ClassId, s.CreatedAt });
        b.HasOne<CodeBatch>().WithMany().HasForeignKey(s => s.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssuedMobileIdConfiguration : IEntityTypeConfiguration<IssuedMobileId>
{
    public void Configure(EntityTypeBuilder<IssuedMobileId> b)
    {
        b.ToTable("IssuedMobileIds");
        b.Property(c => c.CardNumber).HasMaxLength(64);
        b.Property(c => c.KeyThumbprint).HasMaxLength(64);
        b.Property(c => c.EndReason).HasMaxLength(300);
        b.Property(c => c.WalletEvent).HasMaxLength(40);
        b.Property(c => c.NotificationIdHash).HasMaxLength(32);
        // An index is never handed out twice in a list, whatever happens to the credential that holds it.
        b.HasIndex(c => new { c.StatusListId, c.StatusIndex }).IsUnique();
        b.HasIndex(c => c.NotificationIdHash).IsUnique();
        b.HasIndex(c => new { c.PupilId, c.EndedAt });
        b.HasIndex(c => c.OfferId).IsUnique();
        b.HasOne<Pupil>().WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ActivationOffer>().WithMany().HasForeignKey(c => c.OfferId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StatusListRecord>().WithMany().HasForeignKey(c => c.StatusListId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatusListRecordConfiguration : IEntityTypeConfiguration<StatusListRecord>
{
    public void Configure(EntityTypeBuilder<StatusListRecord> b)
    {
        b.ToTable("StatusLists");
        b.Property(s => s.Id).ValueGeneratedOnAdd();
    }
}

internal sealed class IssuerKeyConfiguration : IEntityTypeConfiguration<IssuerKey>
{
    public void Configure(EntityTypeBuilder<IssuerKey> b)
    {
        b.ToTable("IssuerKeys");
        b.HasKey(k => k.Kid);
        b.Property(k => k.Kid).HasMaxLength(64);
    }
}

internal sealed class ConsumedNonceConfiguration : IEntityTypeConfiguration<ConsumedNonce>
{
    public void Configure(EntityTypeBuilder<ConsumedNonce> b)
    {
        b.ToTable("ConsumedNonces");
        b.HasKey(n => n.Value);
        b.Property(n => n.Value).HasMaxLength(128);
        b.HasIndex(n => n.ExpiresAt);
    }
}

internal sealed class LocalSecretCheckConfiguration : IEntityTypeConfiguration<Security.LocalSecretCheck>
{
    public void Configure(EntityTypeBuilder<Security.LocalSecretCheck> b)
    {
        b.ToTable("LocalSecretChecks");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.Fingerprint).HasMaxLength(16);
    }
}
