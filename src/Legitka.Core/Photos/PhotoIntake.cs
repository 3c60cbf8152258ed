using Legitka.Access;
using Legitka.Accounts;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Procedure;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Photos;

/// <summary>
/// New photos: one from a guardian's (or the school's) upload, or many from a folder or ZIP of e-mailed files.
/// A stored photo waits for review; it replaces the pupil's earlier pending or rejected one. The same picture
/// loaded again is recognised by its hash and not stored twice.
/// </summary>
public sealed class PhotoIntake(LegitkaDbContext db)
{
    public static readonly StaffRole[] SchoolUploaders = [StaffRole.Secretary, StaffRole.Operator];

    public async Task<PhotoUpload> UploadAsync(Viewer viewer, Guid pupilId, byte[] data, CancellationToken ct = default)
    {
        var pupil = await db.VisiblePupils(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == pupilId, ct);
        if (pupil is null)
        {
            return new PhotoUpload(ProcedureResult.NotFound, null, []);
        }

        var isGuardian = viewer.ConfirmedEmail is { } email && await db.PupilGuardians.AnyAsync(g => g.PupilId == pupilId && g.Email == email, ct);
        var isTeacher = viewer.Has(pupil.SchoolId, StaffRole.Teacher)
                        && await db.Classes.AnyAsync(c => c.Id == pupil.ClassId && c.HomeroomTeacherId == viewer.UserId, ct);
        if (!isGuardian && !isTeacher && !viewer.Has(pupil.SchoolId, SchoolUploaders))
        {
            return new PhotoUpload(ProcedureResult.Refused("not_allowed", "Only the pupil's guardian or the school can upload a photo.",
                "Zdjęcie przesyła opiekun ucznia albo szkoła."), null, []);
        }

        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == pupil.SchoolId, ct);
        var check = PhotoNormalizer.Check(data, PhotoRules.For(school));
        if (check.Refusal is { } refusal)
        {
            return new PhotoUpload(ProcedureResult.Refused(refusal.Code, refusal.Message, refusal.MessagePl), null, []);
        }

        var id = await StoreAsync(pupil, check.Photo!, isGuardian ? PhotoSource.Guardian : PhotoSource.Staff, viewer.Actor, ct);
        return new PhotoUpload(ProcedureResult.Ok, id, check.Photo!.Notices);
    }

    /// <summary>Checks files in parallel (pure CPU work), then stores the matched ones; one result per file, in input order.</summary>
    public async Task<List<BulkPhotoResult>> ImportAsync(Guid schoolId, IReadOnlyList<PhotoFile> files, Actor actor, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == schoolId, ct);
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.SchoolId == schoolId).ToListAsync(ct);
        var names = new PhotoFileNames(await db.Classes.AsNoTracking().Where(c => c.SchoolId == schoolId).ToListAsync(ct), pupils);
        var rules = PhotoRules.For(school);
        var results = new BulkPhotoResult[files.Count];
        var checks = new PhotoCheck?[files.Count];
        await Parallel.ForAsync(0, files.Count, new ParallelOptions { CancellationToken = ct }, (i, _) =>
        {
            var candidates = names.Candidates(files[i].Name);
            results[i] = candidates.Count switch
            {
                0 => new BulkPhotoResult(files[i].Name, BulkPhotoOutcome.Unmatched, null,
                    "no pupil of this school has that name (and class)", "żaden uczeń tej szkoły nie ma takiego imienia i nazwiska (i klasy)"),
                > 1 => new BulkPhotoResult(files[i].Name, BulkPhotoOutcome.Ambiguous, null,
                    $"{candidates.Count} pupils could be meant; add the class to the file name", $"pasuje {candidates.Count} uczniów; dopisz klasę do nazwy pliku"),
                _ => new BulkPhotoResult(files[i].Name, BulkPhotoOutcome.Matched, candidates[0].Id, null, null),
            };
            if (results[i].Outcome == BulkPhotoOutcome.Matched)
            {
                checks[i] = files[i].Data is { } data
                    ? PhotoNormalizer.Check(data, rules)
                    : new PhotoCheck(null, new PhotoRefusal("too_large", "The file is larger than the school allows.", "Plik jest większy, niż pozwala szkoła."));
            }

            return ValueTask.CompletedTask;
        });

        var byId = pupils.ToDictionary(p => p.Id);
        for (var i = 0; i < files.Count; i++)
        {
            if (checks[i] is not { } check)
            {
                continue;
            }

            if (check.Refusal is { } refusal)
            {
                results[i] = results[i] with { Outcome = BulkPhotoOutcome.Refused, Reason = refusal.Message, ReasonPl = refusal.MessagePl };
                continue;
            }

            await StoreAsync(byId[results[i].PupilId!.Value], check.Photo!, PhotoSource.BulkImport, actor, ct);
            checks[i] = null; // let the bytes go
        }

        return [.. results];
    }

    private async Task<Guid> StoreAsync(Pupil pupil, NormalizedPhoto photo, PhotoSource source, Actor actor, CancellationToken ct)
    {
        var hash = photo.ContentHash;
        var existing = await db.Photos.Where(p => p.PupilId == pupil.Id && p.ContentHash == hash && p.State != PhotoState.Superseded)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is { } same)
        {
            return same;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Photos.Where(p => p.PupilId == pupil.Id && (p.State == PhotoState.Pending || p.State == PhotoState.Rejected))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.State, PhotoState.Superseded), ct);
        var stored = new PupilPhoto
        {
            SchoolId = pupil.SchoolId,
            PupilId = pupil.Id,
            State = PhotoState.Pending,
            Source = source,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
            UploadedAt = db.Clock.GetUtcNow().UtcDateTime,
            Width = photo.Width,
            Height = photo.Height,
            ContentHash = hash,
        };
        db.Photos.Add(stored);
        db.PhotoContents.Add(new PhotoContent { PhotoId = stored.Id, Jpeg = photo.Jpeg, PortraitJpeg = photo.PortraitJpeg });
        db.Audit(actor, "photo.uploaded", nameof(PupilPhoto), stored.Id, pupil.SchoolId,
            new { pupil = pupil.Id, source = source.ToString(), photo.Width, photo.Height, rotated = photo.WasRotated, progressive = photo.WasProgressive });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return stored.Id;
    }
}

/// <param name="Notices">What was changed on the way in (turned upright, converted, metadata removed), to tell the uploader.</param>
public sealed record PhotoUpload(ProcedureResult Result, Guid? PhotoId, IReadOnlyList<PhotoNotice> Notices);

/// <summary>A file of a bulk load; <see cref="Data"/> is null when it was too large to read.</summary>
public sealed record PhotoFile(string Name, byte[]? Data);

public enum BulkPhotoOutcome
{
    Matched,
    Unmatched,
    Ambiguous,
    Refused,
}

public sealed record BulkPhotoResult(string File, BulkPhotoOutcome Outcome, Guid? PupilId, string? Reason, string? ReasonPl);
