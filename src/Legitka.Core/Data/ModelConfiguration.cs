using Legitka.Accounts;
using Legitka.Audit;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Legitka.Data;

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(s => s.Name).HasMaxLength(300);
        b.Property(s => s.Rspo).HasMaxLength(20);
        b.Property(s => s.Address).HasMaxLength(300);
        b.Property(s => s.WalletApp).HasMaxLength(School.WalletAppMaxLength);
        b.HasIndex(s => s.Rspo).IsUnique();
        b.Property(s => s.Policy).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> b)
    {
        b.ToTable("Classes");
        b.Property(c => c.Name).HasMaxLength(20);
        b.HasIndex(c => new { c.SchoolId, c.Name }).IsUnique();
        b.HasIndex(c => c.HomeroomTeacherId);
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LegitkaUser>().WithMany().HasForeignKey(c => c.HomeroomTeacherId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PupilConfiguration : IEntityTypeConfiguration<Pupil>
{
    public void Configure(EntityTypeBuilder<Pupil> b)
    {
        b.Property(p => p.GivenNames).HasMaxLength(200);
        b.Property(p => p.FamilyName).HasMaxLength(200);
        b.Property(p => p.Pesel).HasMaxLength(11);
        b.Property(p => p.IdDocumentKind).HasMaxLength(50);
        b.Property(p => p.IdDocumentNumber).HasMaxLength(50);
        b.Property(p => p.Address).HasMaxLength(300);
        b.Ignore(p => p.FullName);
        b.Ignore(p => p.IdentityKey);
        // NULLs never collide in a unique index, on SQLite and PostgreSQL alike.
        b.HasIndex(p => new { p.SchoolId, p.Pesel }).IsUnique();
        b.HasIndex(p => new { p.SchoolId, p.IdDocumentKind, p.IdDocumentNumber }).IsUnique();
        b.HasIndex(p => p.ClassId);
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(p => p.ClassId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CardConfiguration : IEntityTypeConfiguration<Card>
{
    public void Configure(EntityTypeBuilder<Card> b)
    {
        b.Property(c => c.Number).HasMaxLength(50);
        b.Property(c => c.InvalidationReason).HasMaxLength(500);
        b.HasIndex(c => new { c.SchoolId, c.Number }).IsUnique();
        b.HasIndex(c => c.PupilId);
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pupil>().WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PupilGuardianConfiguration : IEntityTypeConfiguration<PupilGuardian>
{
    public void Configure(EntityTypeBuilder<PupilGuardian> b)
    {
        b.HasKey(g => new { g.PupilId, g.Email });
        b.Property(g => g.Email).HasMaxLength(254);
        b.HasIndex(g => g.Email);
        b.HasOne<Pupil>().WithMany().HasForeignKey(g => g.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffMembershipConfiguration : IEntityTypeConfiguration<StaffMembership>
{
    public void Configure(EntityTypeBuilder<StaffMembership> b)
    {
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(m => new { m.UserId, m.SchoolId, m.Role }).IsUnique();
        b.HasOne<LegitkaUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<School>().WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => new { e.SchoolId, e.Sequence });
    }
}

internal sealed class PendingAuditEntryConfiguration : IEntityTypeConfiguration<PendingAuditEntry>
{
    public void Configure(EntityTypeBuilder<PendingAuditEntry> b)
    {
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.Seal).HasMaxLength(64);
        b.HasIndex(e => e.At);
    }
}
