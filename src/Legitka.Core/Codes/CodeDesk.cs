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

    public async Task<CodeRequestResult> RequestForClassesAsync(Viewer viewer, Guid schoolId, IReadOnlyCollection<Guid> classIds, bool replaceUnusedCodes,
        CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, Generators))
        {
            return CodeRequestResult.Refused(ProcedureResult.NotFound);
        }

        return classIds.Count == 0
            ? CodeRequestResult.Refused(ProcedureResult.Refused("no_class", "Choose at least one class.", "Wybierz co najmniej jedną klasę."))
            : await generator.RequestAsync(schoolId, viewer.Actor, classIds, null, holdLease: false, replaceUnusedCodes, ct);
    }

    /// <summary>
    /// A new code for one pupil (lost slip, new phone). Once used it ends the mLegitymacja on the pupil's present phone,
    /// so while one works the secretary has to say that this is a change of phones.
    /// </summary>
    public async Task<CodeRequestResult> RequestForPupilAsync(Viewer viewer, Guid pupilId, bool phoneChange, CancellationToken ct = default)
    {
        var schoolId = await db.VisiblePupils(viewer).Where(p => p.Id == pupilId).Select(p => (Guid?)p.SchoolId).SingleOrDefaultAsync(ct);
        if (schoolId is null || !viewer.Has(schoolId.Value, Generators))
        {
            return CodeRequestResult.Refused(ProcedureResult.NotFound);
        }

        if (!phoneChange && await NewCodeEndsAPhoneAsync(pupilId, ct))
        {
            return CodeRequestResult.Refused(ProcedureResult.Refused("phone_change_unconfirmed",
                "The pupil's mLegitymacja works on a phone; once the new code is used it stops working there. Confirm that the pupil is changing phones.",
                "Uczeń ma działającą mLegitymację. Gdy użyje nowego kodu, przestanie ona działać na obecnym telefonie. Zaznacz, że uczeń zmienia telefon."));
        }

        return await generator.RequestAsync(schoolId.Value, viewer.Actor, [], pupilId, holdLease: false, ct: ct);
    }

    /// <summary>
    /// Whether activating a new code would end a working mLegitymacja: the pupil's phones already fill the school's
    /// limit (one by default; a school allowing two lets a second phone join without ending the first).
    /// </summary>
    public async Task<bool> NewCodeEndsAPhoneAsync(Guid pupilId, CancellationToken ct = default)
    {
        var nowUtc = db.Clock.GetUtcNow().UtcDateTime;
        var working = await db.IssuedMobileIds.Where(c => c.PupilId == pupilId).CountAsync(IssuedMobileId.WorkingAt(nowUtc), ct);
        return working > 0
            && working >= await db.Pupils.Where(p => p.Id == pupilId).Join(db.Schools, p => p.SchoolId, s => s.Id, (p, s) => s.DevicesPerPupil).SingleAsync(ct);
    }

    /// <summary>A batch's progress alone, polled by its page while it runs: one row, nothing counted.</summary>
    public async Task<CodeBatch?> ProgressAsync(Viewer viewer, Guid batchId, CancellationToken ct = default)
    {
        var batch = await db.CodeBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        return batch is not null && viewer.Has(batch.SchoolId, Generators) ? batch : null;
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
            select new { s.Id, ClassId = c.Id, c.Name, s.CreatedAt, s.Count, s.ExpiresAt, Erased = s.ProtectedSlips == null }).ToListAsync(ct);
        var classIds = sets.Select(s => s.ClassId).ToList();
        var stillOpen = await OpenSlips(classIds).Where(x => x.BatchId == batchId).GroupBy(x => x.ClassId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var pupil = batch.PupilId is { } pupilId
            ? await db.Pupils.Where(p => p.Id == pupilId).Select(p => p.GivenNames + " " + p.FamilyName).SingleOrDefaultAsync(ct)
            : null;
        return new BatchView(batch, pupil, [.. sets.Select(s => new SlipSetView(s.Id, s.ClassId, s.Name, s.CreatedAt, s.Count, stillOpen.GetValueOrDefault(s.ClassId), s.ExpiresAt, s.Erased))]);
    }

    /// <summary>
    /// Codes that still work for the pupils now in these classes, by the batch that made them: what a slip set's PDF
    /// prints (<see cref="OpenSlipsAsync"/>), so that a set whose every code was used or replaced is not offered for
    /// printing. Read from the pupils (indexed by class) to their offers (indexed by pupil), never across all offers.
    /// </summary>
    private IQueryable<OpenSlip> OpenSlips(List<Guid> classIds)
    {
        var nowUtc = db.Clock.GetUtcNow().UtcDateTime;
        return from p in db.Pupils
               where EF.Parameter(classIds).Contains(p.ClassId)
               join o in db.ActivationOffers on p.Id equals o.PupilId
               where o.State == OfferState.Open && o.ExpiresAt > nowUtc
               select new OpenSlip { BatchId = o.BatchId, ClassId = p.ClassId };
    }

    /// <summary>
    /// Per class, the printed slips that still work: the ones a class batch with "replace unused codes" would void,
    /// so that the secretary sees what that choice costs before making it. Code generators only.
    /// </summary>
    public async Task<Dictionary<Guid, int>> UnusedSlipsByClassAsync(Viewer viewer, Guid schoolId, List<Guid> classIds, CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, Generators))
        {
            return [];
        }

        var ofSchool = await db.Classes.Where(c => c.SchoolId == schoolId && classIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        return await OpenSlips(ofSchool).GroupBy(s => s.ClassId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    private sealed class OpenSlip
    {
        public Guid BatchId { get; init; }
        public Guid ClassId { get; init; }
    }

    /// <summary>The slip sets of a class with codes still to hand out, newest first, for its teacher and the secretary.</summary>
    public async Task<List<SlipSetView>> SlipSetsForClassAsync(Viewer viewer, Guid classId, CancellationToken ct = default)
    {
        var schoolClass = await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, ct);
        if (schoolClass is null || !MayPrint(viewer, schoolClass))
        {
            return [];
        }

        var stillOpen = await OpenSlips([classId]).GroupBy(x => x.BatchId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var sets = await db.SlipSets.Where(s => s.ClassId == classId && s.ProtectedSlips != null).OrderByDescending(s => s.CreatedAt)
            .Select(s => new { s.Id, s.BatchId, s.CreatedAt, s.Count, s.ExpiresAt }).ToListAsync(ct);
        return [.. sets.Where(s => stillOpen.ContainsKey(s.BatchId))
            .Select(s => new SlipSetView(s.Id, classId, schoolClass.Name, s.CreatedAt, s.Count, stillOpen[s.BatchId], s.ExpiresAt, Erased: false))];
    }

    /// <summary>The plain codes of one slip set, audited; null when the viewer may not print them or they are erased.</summary>
    public async Task<(Registry.School School, string ClassName, DateTime CreatedAt, IReadOnlyList<IssuedCode> Codes)?> OpenSlipsAsync(Viewer viewer, Guid slipSetId, CancellationToken ct = default)
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
        var nowUtc = db.Clock.GetUtcNow().UtcDateTime;
        // A pupil who has since moved to another class is that class's teacher's to hand a slip to, not this one's.
        var open = (await db.ActivationOffers.Where(o => offerIds.Contains(o.Id) && o.State == OfferState.Open && o.ExpiresAt > nowUtc
                && db.Pupils.Any(p => p.Id == o.PupilId && p.ClassId == set.ClassId))
            .Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var printable = codes.Where(c => open.Contains(c.OfferId)).ToList();
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == set.SchoolId, ct);
        db.Audit(viewer.Actor, "codes.slips-downloaded", nameof(SlipSet), set.Id, set.SchoolId, new { classId = set.ClassId, slips = printable.Count });
        await db.SaveChangesAsync(ct);
        return (school, schoolClass.Name, set.CreatedAt, printable);
    }

    /// <summary>Everything about a pupil's mLegitymacja: codes issued and their fate, phones activated and how they ended.</summary>
    public async Task<MobileIdHistory?> HistoryAsync(Viewer viewer, Guid pupilId, CancellationToken ct = default)
    {
        if (!await db.VisiblePupils(viewer).AnyAsync(p => p.Id == pupilId, ct))
        {
            return null;
        }

        var offers = await db.ActivationOffers.AsNoTracking().Where(o => o.PupilId == pupilId).OrderByDescending(o => o.CreatedAt)
            .Select(o => new OfferView(o.CreatedAt, o.ExpiresAt, o.State, o.FailedAttempts, o.RedeemedAt, o.CredentialId != null, o.EndedAt, o.EndReason)).ToListAsync(ct);
        var credentials = await db.IssuedMobileIds.AsNoTracking().Where(c => c.PupilId == pupilId).OrderByDescending(c => c.IssuedAt).ToListAsync(ct);
        return new MobileIdHistory(offers, credentials);
    }

    /// <summary>
    /// Each pupil's mLegitymacja at a glance, for everyone who sees the class: who has not activated yet, whose code ran
    /// out or was locked, and who needs a new one. Empty when the viewer may not see the class.
    /// </summary>
    public async Task<Dictionary<Guid, PupilActivation>> ActivationsInClassAsync(Viewer viewer, Guid classId, DateTime nowUtc, CancellationToken ct = default)
    {
        if (!await db.VisibleClasses(viewer).AnyAsync(c => c.Id == classId, ct))
        {
            return [];
        }

        var pupils = db.Pupils.Where(p => p.ClassId == classId).Select(p => p.Id);
        var offers = (await db.ActivationOffers.AsNoTracking().Where(o => pupils.Contains(o.PupilId))
                .Select(o => new { o.PupilId, View = new OfferView(o.CreatedAt, o.ExpiresAt, o.State, o.FailedAttempts, o.RedeemedAt, o.CredentialId != null, o.EndedAt, o.EndReason) })
                .ToListAsync(ct))
            .ToLookup(o => o.PupilId, o => o.View);
        var credentials = (await db.IssuedMobileIds.AsNoTracking().Where(c => pupils.Contains(c.PupilId))
                .Select(c => new { c.PupilId, c.IssuedAt, c.ExpiresAt, c.EndedAt, c.EndReason }).ToListAsync(ct))
            .ToLookup(c => c.PupilId);
        return (await pupils.ToListAsync(ct)).ToDictionary(id => id, id =>
        {
            var working = credentials[id].Where(c => c.EndedAt is null && c.ExpiresAt > nowUtc).MaxBy(c => c.IssuedAt);
            var ended = credentials[id].Where(c => c.EndedAt is not null || c.ExpiresAt <= nowUtc)
                .Select(c => ((DateTime At, string? Reason)?)(c.EndedAt ?? c.ExpiresAt, c.EndedAt is null ? "expired" : c.EndReason))
                .MaxBy(c => c!.Value.At);
            return new PupilActivation(working?.IssuedAt, offers[id].MaxBy(o => o.CreatedAt), ended);
        });
    }

    private static bool MayPrint(Viewer viewer, Registry.SchoolClass schoolClass) =>
        viewer.Has(schoolClass.SchoolId, Generators)
        || (schoolClass.HomeroomTeacherId == viewer.UserId && viewer.Has(schoolClass.SchoolId, StaffRole.Teacher));
}

/// <param name="PupilName">The pupil of a one-pupil batch.</param>
public sealed record BatchView(CodeBatch Batch, string? PupilName, IReadOnlyList<SlipSetView> SlipSets);

/// <param name="Count">Slips made.</param>
/// <param name="StillOpen">Of those, slips whose codes still work for pupils still in the class: what the PDF prints.</param>
/// <param name="Erased">The plain codes were erased after they expired.</param>
public sealed record SlipSetView(Guid Id, Guid ClassId, string ClassName, DateTime CreatedAt, int Count, int StillOpen, DateTime ExpiresAt, bool Erased)
{
    public bool Printable => !Erased && StillOpen > 0;
}

/// <param name="Collected">A redeemed code's mLegitymacja reached the phone (a wallet may stop between the two steps).</param>
public sealed record OfferView(DateTime CreatedAt, DateTime ExpiresAt, OfferState State, int FailedAttempts, DateTime? RedeemedAt, bool Collected,
    DateTime? EndedAt, string? EndReason);

public sealed record MobileIdHistory(IReadOnlyList<OfferView> Offers, IReadOnlyList<IssuedMobileId> Credentials);
