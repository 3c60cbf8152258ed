using Legitka.Access;
using Legitka.Accounts;
using Legitka.Data;
using Legitka.Issuance;
using Legitka.Procedure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Codes;

/// <summary>
/// Codes as the portal offers them, checked against the viewer: the secretary (or an operator) asks for batches
/// and sees their progress; slips, which hold live activation codes, go only to them and the class's homeroom
/// teacher, and every download is audited.
/// </summary>
public sealed class CodeDesk(LegitkaDbContext db, CodeGenerator generator, SlipArchive archive)
{
    public static readonly StaffRole[] Generators = [StaffRole.Secretary, StaffRole.Operator];

    public async Task<CodeRequestResult> RequestForClassesAsync(Viewer viewer, Guid schoolId, IReadOnlyCollection<Guid> classIds, CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, Generators))
        {
            return CodeRequestResult.Refused(ProcedureResult.NotFound);
        }

        return classIds.Count == 0
            ? CodeRequestResult.Refused(ProcedureResult.Refused("no_class", "Choose at least one class.", "Wybierz co najmniej jedną klasę."))
            : await generator.RequestAsync(schoolId, viewer.Actor, classIds, null, holdLease: false, ct);
    }

    public async Task<CodeRequestResult> RequestForPupilAsync(Viewer viewer, Guid pupilId, CancellationToken ct = default)
    {
        var schoolId = await db.VisiblePupils(viewer).Where(p => p.Id == pupilId).Select(p => (Guid?)p.SchoolId).SingleOrDefaultAsync(ct);
        return schoolId is null || !viewer.Has(schoolId.Value, Generators)
            ? CodeRequestResult.Refused(ProcedureResult.NotFound)
            : await generator.RequestAsync(schoolId.Value, viewer.Actor, [], pupilId, holdLease: false, ct);
    }

    /// <summary>A batch and its slip sets, for the people who may generate codes in its school.</summary>
    public async Task<BatchView?> BatchAsync(Viewer viewer, Guid batchId, CancellationToken ct = default)
    {
        var batch = await db.CodeBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || !viewer.Has(batch.SchoolId, Generators))
        {
            return null;
        }

        var sets = await (
            from s in db.SlipSets where s.BatchId == batchId
            join c in db.Classes on s.ClassId equals c.Id
            orderby c.Name
            select new SlipSetView(s.Id, c.Id, c.Name, s.Count, s.ExpiresAt, s.ProtectedSlips != null)).ToListAsync(ct);
        return new BatchView(batch, sets);
    }

    /// <summary>The slip sets of a class still holding codes, newest first, for its teacher and the secretary.</summary>
    public async Task<List<SlipSetView>> SlipSetsForClassAsync(Viewer viewer, Guid classId, CancellationToken ct = default)
    {
        var schoolClass = await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, ct);
        if (schoolClass is null || !MayPrint(viewer, schoolClass))
        {
            return [];
        }

        return await db.SlipSets.Where(s => s.ClassId == classId && s.ProtectedSlips != null).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SlipSetView(s.Id, classId, schoolClass.Name, s.Count, s.ExpiresAt, true)).ToListAsync(ct);
    }

    /// <summary>The plain codes of one slip set, audited; null when the viewer may not print them or they are erased.</summary>
    public async Task<(Registry.School School, IReadOnlyList<IssuedCode> Codes)?> OpenSlipsAsync(Viewer viewer, Guid slipSetId, CancellationToken ct = default)
    {
        var set = await db.SlipSets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slipSetId, ct);
        if (set?.ProtectedSlips is null)
        {
            return null;
        }

        var schoolClass = await db.Classes.AsNoTracking().SingleAsync(c => c.Id == set.ClassId, ct);
        if (!MayPrint(viewer, schoolClass))
        {
            return null;
        }

        // Only slips that still work are printed: a code since used, replaced or locked would only confuse a pupil.
        var codes = archive.Open(set);
        var offerIds = codes.Select(c => c.OfferId).ToList();
        // A pupil who has since moved to another class is that class's teacher's to hand a slip to, not this one's.
        var open = (await db.ActivationOffers.Where(o => offerIds.Contains(o.Id) && o.State == OfferState.Open
                && db.Pupils.Any(p => p.Id == o.PupilId && p.ClassId == set.ClassId))
            .Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var printable = codes.Where(c => open.Contains(c.OfferId)).ToList();
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == set.SchoolId, ct);
        db.Audit(viewer.Actor, "codes.slips-downloaded", nameof(SlipSet), set.Id, set.SchoolId, new { classId = set.ClassId, slips = printable.Count });
        await db.SaveChangesAsync(ct);
        return (school, printable);
    }

    /// <summary>Everything about a pupil's mLegitymacja: codes issued and their fate, phones activated and how they ended.</summary>
    public async Task<MobileIdHistory?> HistoryAsync(Viewer viewer, Guid pupilId, CancellationToken ct = default)
    {
        if (!await db.VisiblePupils(viewer).AnyAsync(p => p.Id == pupilId, ct))
        {
            return null;
        }

        var offers = await db.ActivationOffers.AsNoTracking().Where(o => o.PupilId == pupilId).OrderByDescending(o => o.CreatedAt)
            .Select(o => new OfferView(o.CreatedAt, o.ExpiresAt, o.State, o.FailedAttempts, o.RedeemedAt, o.EndedAt, o.EndReason)).ToListAsync(ct);
        var credentials = await db.IssuedMobileIds.AsNoTracking().Where(c => c.PupilId == pupilId).OrderByDescending(c => c.IssuedAt).ToListAsync(ct);
        return new MobileIdHistory(offers, credentials);
    }

    private static bool MayPrint(Viewer viewer, Registry.SchoolClass schoolClass) =>
        viewer.Has(schoolClass.SchoolId, Generators)
        || (schoolClass.HomeroomTeacherId == viewer.UserId && viewer.Has(schoolClass.SchoolId, StaffRole.Teacher));
}

public sealed record BatchView(CodeBatch Batch, IReadOnlyList<SlipSetView> SlipSets);

public sealed record SlipSetView(Guid Id, Guid ClassId, string ClassName, int Count, DateTime ExpiresAt, bool Printable);

public sealed record OfferView(DateTime CreatedAt, DateTime ExpiresAt, OfferState State, int FailedAttempts, DateTime? RedeemedAt, DateTime? EndedAt, string? EndReason);

public sealed record MobileIdHistory(IReadOnlyList<OfferView> Offers, IReadOnlyList<IssuedMobileId> Credentials);
