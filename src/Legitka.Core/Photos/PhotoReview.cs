using Legitka.Access;
using Legitka.Accounts;
using Legitka.Data;
using Legitka.Procedure;
using Legitka.Registry;
using Legitka.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Legitka.Photos;

/// <summary>
/// Accepting or rejecting photos: the homeroom teacher for their class, the secretary (or senior specialist) for
/// the school. Accepting a photo retires the pupil's previously accepted one.
/// </summary>
public sealed class PhotoReview(LegitkaDbContext db, IOptions<LegitkaOptions> options)
{
    public static readonly StaffRole[] SchoolReviewers = [StaffRole.Secretary, StaffRole.Operator];
    public const int MaxReasonLength = 1000;

    /// <summary>Common reasons offered in the portal; free text is always possible.</summary>
    public static readonly IReadOnlyList<string> CommonRejectionReasons =
    [
        "Twarz niewidoczna w całości lub zasłonięta",
        "Zdjęcie nieostre lub zbyt ciemne",
        "Tło nie jest jednolite i jasne",
        "Na zdjęciu jest więcej niż jedna osoba",
        "Nakrycie głowy lub ciemne okulary",
        "Zdjęcie nie przedstawia ucznia",
    ];

    /// <summary>Pending photos of pupils the viewer reviews, oldest first.</summary>
    public async Task<List<ReviewItem>> QueueAsync(Viewer viewer, Guid? classId, CancellationToken ct = default)
    {
        var schools = viewer.SchoolsWith(SchoolReviewers);
        var teacherSchools = viewer.SchoolsWith(StaffRole.Teacher);
        var userId = viewer.UserId;
        var query =
            from photo in db.Photos.AsNoTracking()
            where photo.State == PhotoState.Pending
            join pupil in db.Pupils on photo.PupilId equals pupil.Id
            join schoolClass in db.Classes on pupil.ClassId equals schoolClass.Id
            where schools.Contains(pupil.SchoolId) || (schoolClass.HomeroomTeacherId == userId && teacherSchools.Contains(schoolClass.SchoolId))
            where classId == null || schoolClass.Id == classId
            orderby photo.UploadedAt
            select new ReviewItem(photo.Id, pupil.Id, pupil.GivenNames + " " + pupil.FamilyName, schoolClass.Name, pupil.BirthDate,
                photo.UploadedByName, photo.UploadedAt, photo.Width, photo.Height,
                db.Photos.Where(p => p.PupilId == pupil.Id && p.State == PhotoState.Accepted).Select(p => (Guid?)p.Id).FirstOrDefault());
        return await query.ToListAsync(ct);
    }

    public Task<ProcedureResult> AcceptAsync(Viewer viewer, Guid photoId, CancellationToken ct = default) =>
        DecideAsync(viewer, photoId, accept: true, reason: null, ct);

    public Task<ProcedureResult> RejectAsync(Viewer viewer, Guid photoId, string? reason, CancellationToken ct = default) =>
        DecideAsync(viewer, photoId, accept: false, reason, ct);

    /// <summary>
    /// The secretary brings back a photo accepted earlier (e.g. last year's) instead of asking for a new one.
    /// </summary>
    public async Task<ProcedureResult> ReuseAsync(Viewer viewer, Guid photoId, CancellationToken ct = default)
    {
        var photo = await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId, ct);
        if (photo is null || !viewer.Has(photo.SchoolId, SchoolReviewers))
        {
            return ProcedureResult.NotFound;
        }

        var notReusable = ProcedureResult.Refused("not_reusable", "Only a photo that was accepted before can be reused.",
            "Ponownie można użyć tylko zdjęcia, które było już zaakceptowane.");
        if (photo.State != PhotoState.Superseded || photo.ReviewedAt is null || photo.RejectionReason is not null)
        {
            return notReusable;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Photos.Where(p => p.PupilId == photo.PupilId && p.State == PhotoState.Accepted)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.State, PhotoState.Superseded), ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var changed = await db.Photos.Where(p => p.Id == photoId && p.State == PhotoState.Superseded)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.State, PhotoState.Accepted)
                .SetProperty(p => p.ReviewedById, viewer.UserId)
                .SetProperty(p => p.ReviewedByName, viewer.Name)
                .SetProperty(p => p.ReviewedAt, now), ct);
        if (changed == 0)
        {
            return notReusable;
        }

        var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == photo.PupilId, ct);
        db.Audit(viewer.Actor, "photo.reused", nameof(PupilPhoto), photoId, photo.SchoolId, new { pupil = photo.PupilId });
        await Notifier.EnqueueToGuardiansAsync(db, pupil.Id, pupil.SchoolId,
            GuardianMessages.PhotoAccepted(pupil.FullName, options.Value.PupilUrl(pupil.Id)), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ProcedureResult.Ok;
    }

    /// <summary>Whether the viewer reviews photos of this pupil (teacher of the class, or the school's secretary).</summary>
    public async Task<bool> ReviewsAsync(Viewer viewer, Pupil pupil, CancellationToken ct) =>
        viewer.Has(pupil.SchoolId, SchoolReviewers)
        || (viewer.Has(pupil.SchoolId, StaffRole.Teacher)
            && await db.Classes.AnyAsync(c => c.Id == pupil.ClassId && c.HomeroomTeacherId == viewer.UserId, ct));

    private static readonly ProcedureResult AlreadyReviewed = ProcedureResult.Refused("already_reviewed",
        "The photo has already been reviewed or replaced.", "To zdjęcie zostało już ocenione albo zastąpione nowszym.");

    private async Task<ProcedureResult> DecideAsync(Viewer viewer, Guid photoId, bool accept, string? reason, CancellationToken ct)
    {
        var photo = await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId, ct);
        var pupil = photo is null ? null : await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == photo.PupilId, ct);
        if (photo is null || pupil is null || !await ReviewsAsync(viewer, pupil, ct))
        {
            return ProcedureResult.NotFound;
        }

        reason = reason?.Trim();
        if (!accept && string.IsNullOrEmpty(reason))
        {
            return ProcedureResult.Refused("reason_required", "A rejected photo needs a reason for the guardian.",
                "Podaj powód odrzucenia — opiekun go otrzyma.");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return ProcedureResult.Refused("reason_too_long", $"The reason may have at most {MaxReasonLength} characters.",
                $"Powód może mieć najwyżej {MaxReasonLength} znaków.");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (accept)
        {
            await db.Photos.Where(p => p.PupilId == photo.PupilId && p.State == PhotoState.Accepted && p.Id != photoId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.State, PhotoState.Superseded), ct);
        }

        // Exactly once: only a photo that is still pending changes, so a teacher and a secretary deciding at the same
        // moment cannot both win (the second finds no pending row).
        var state = accept ? PhotoState.Accepted : PhotoState.Rejected;
        var changed = await db.Photos.Where(p => p.Id == photoId && p.State == PhotoState.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.State, state)
                .SetProperty(p => p.ReviewedById, viewer.UserId)
                .SetProperty(p => p.ReviewedByName, viewer.Name)
                .SetProperty(p => p.ReviewedAt, now)
                .SetProperty(p => p.RejectionReason, accept ? null : reason), ct);
        if (changed == 0)
        {
            return AlreadyReviewed; // disposing the transaction rolls back the superseding above
        }

        db.Audit(viewer.Actor, accept ? "photo.accepted" : "photo.rejected", nameof(PupilPhoto), photoId, photo.SchoolId,
            new { pupil = photo.PupilId, reason });
        var link = options.Value.PupilUrl(pupil.Id);
        await Notifier.EnqueueToGuardiansAsync(db, pupil.Id, pupil.SchoolId,
            accept ? GuardianMessages.PhotoAccepted(pupil.FullName, link) : GuardianMessages.PhotoRejected(pupil.FullName, reason!, link), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ProcedureResult.Ok;
    }
}

public sealed record ReviewItem(
    Guid PhotoId, Guid PupilId, string PupilName, string ClassName, DateOnly BirthDate, string UploadedBy, DateTime UploadedAt,
    int Width, int Height, Guid? PreviousAcceptedPhotoId);
