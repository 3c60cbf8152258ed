using Legitka.Applications;
using Legitka.Notifications;
using Legitka.Photos;
using Legitka.Readiness;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Legitka.Data;

internal sealed class MobileIdApplicationConfiguration : IEntityTypeConfiguration<MobileIdApplication>
{
    public void Configure(EntityTypeBuilder<MobileIdApplication> b)
    {
        b.ToTable("Applications");
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.SubmittedByName).HasMaxLength(256);
        b.Property(a => a.DecidedByName).HasMaxLength(256);
        b.Property(a => a.DecisionReason).HasMaxLength(1000);
        b.HasIndex(a => new { a.SchoolId, a.State });
        b.HasIndex(a => a.PupilId);
        // One open application (or objection) per pupil: a double submit cannot create a second one.
        b.HasIndex(a => new { a.PupilId, a.Kind }, "IX_Applications_Open").IsUnique().HasFilter("\"State\" IN ('Pending', 'Approved')");
        b.HasOne<Pupil>().WithMany().HasForeignKey(a => a.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(a => a.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PupilPhotoConfiguration : IEntityTypeConfiguration<PupilPhoto>
{
    public void Configure(EntityTypeBuilder<PupilPhoto> b)
    {
        b.ToTable("Photos");
        b.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.UploadedByName).HasMaxLength(256);
        b.Property(p => p.ReviewedByName).HasMaxLength(256);
        b.Property(p => p.RejectionReason).HasMaxLength(1000);
        b.Property(p => p.ContentHash).HasMaxLength(64);
        b.HasIndex(p => new { p.SchoolId, p.State });
        b.HasIndex(p => new { p.PupilId, p.ContentHash });
        // At most one accepted photo per pupil, whatever races happen between reviewers.
        b.HasIndex(p => p.PupilId, "IX_Photos_Accepted").IsUnique().HasFilter("\"State\" = 'Accepted'");
        b.HasOne<Pupil>().WithMany().HasForeignKey(p => p.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PhotoContentConfiguration : IEntityTypeConfiguration<PhotoContent>
{
    public void Configure(EntityTypeBuilder<PhotoContent> b)
    {
        b.HasKey(c => c.PhotoId);
        b.HasOne<PupilPhoto>().WithOne().HasForeignKey<PhotoContent>(c => c.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClassReadinessReportConfiguration : IEntityTypeConfiguration<ClassReadinessReport>
{
    public void Configure(EntityTypeBuilder<ClassReadinessReport> b)
    {
        b.Property(r => r.ReportedByName).HasMaxLength(256);
        b.HasIndex(r => new { r.SchoolId, r.ClosedAt });
        b.HasIndex(r => r.ClassId);
        b.HasIndex(r => r.ClassId, "IX_ReadinessReports_Open").IsUnique().HasFilter("\"ClosedAt\" IS NULL");
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(r => r.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(m => m.To).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.ClaimToken).IsConcurrencyToken();
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
