using Legitka.Access;
using Legitka.Accounts;
using Legitka.Applications;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Procedure;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Pupils;

/// <summary>A pupil's page. PESEL and address stay masked until revealed, and every reveal is audited.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes)]
public sealed class DetailsModel(ViewerAccessor viewers, LegitkaDbContext db, ApplicationDesk applications, PhotoReview review, PhotoIntake intake,
    CodeDesk codes, CodeBatchRunner runner) : PageModel
{
    /// <summary>Above any school's photo limit, so that the limit is reported in Polish rather than cut off by the server.</summary>
    private const int MaxUploadBytes = 16 * 1024 * 1024;

    public bool CanUpload { get; private set; }
    public bool CanReuse { get; private set; }
    public IssuancePolicy Policy { get; private set; }
    public MobileIdApplication? Application { get; private set; }
    public bool CanFile { get; private set; }
    public bool CanWithdraw { get; private set; }

    /// <summary>The school office, not a guardian: what it files is a guardian's paper form, and the buttons say so.</summary>
    public bool FilesForGuardian { get; private set; }
    public List<PupilPhoto> Photos { get; private set; } = [];
    public ProcedureResult? Outcome { get; private set; }
    public Done? Done { get; private set; }

    /// <summary>Where the outcome is shown: beside the form that was sent (the form's address scrolls there).</summary>
    public OutcomePlace OutcomeAt { get; private set; }
    public IReadOnlyList<PhotoNotice> PhotoNotices { get; private set; } = [];

    public Pupil Pupil { get; private set; } = null!;
    public string ClassName { get; private set; } = "";
    public bool ClassVisible { get; private set; }
    public bool Revealed { get; private set; }
    public DateOnly Today { get; private set; }
    public DateTime NowUtc { get; private set; }
    public List<Card> Cards { get; private set; } = [];
    public List<string>? Guardians { get; private set; }
    public MobileIdHistory? MobileId { get; private set; }
    public bool CanGenerate { get; private set; }
    public bool NewCodeEndsAPhone { get; private set; }

    /// <summary>A new code for this pupil alone (lost slip, new phone); it voids the unused earlier one.</summary>
    public async Task<IActionResult> OnPostCodeAsync(Guid id, bool phoneChange, CancellationToken ct)
    {
        var request = await codes.RequestForPupilAsync(await viewers.GetAsync(ct), id, phoneChange, ct);
        if (request.Batch is { } batch)
        {
            runner.Wake();
            return LocalRedirect($"~/codes/{batch.Id}");
        }

        if (request.Outcome == ProcedureResult.NotFound)
        {
            return NotFound();
        }

        (Outcome, OutcomeAt) = (request.Outcome, OutcomePlace.NewCode);
        return await LoadAsync(id, reveal: false, ct);
    }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (this.TakeDone() is { } done)
        {
            (Done, OutcomeAt, PhotoNotices) = (done, OutcomePlaces.At(done.At), done.Notices);
        }

        return LoadAsync(id, reveal: false, ct);
    }

    public Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct) => LoadAsync(id, reveal: true, ct);

    public async Task<IActionResult> OnPostPhotoAsync(Guid id, List<IFormFile> photo, CancellationToken ct)
    {
        if (photo.All(f => string.IsNullOrEmpty(f.FileName)))
        {
            // The form was sent before a file was picked: nothing to check, and "the file is empty" would mislead.
            (Outcome, OutcomeAt) = (NoPhotoChosen, OutcomePlace.Photo);
            return await LoadAsync(id, reveal: false, ct);
        }

        var file = photo.FirstOrDefault(f => f.Length > 0);
        byte[] data = [];
        if (file is not null)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            data = buffer.ToArray();
        }

        var upload = await intake.UploadAsync(await viewers.GetAsync(ct), id, data, ct);
        if (upload.Result.Succeeded)
        {
            return this.BackWith(DoneTexts.PhotoSent, OutcomePlaces.Fragment(OutcomePlace.Photo), notices: upload.Notices);
        }

        (Outcome, OutcomeAt) = (upload.Result, OutcomePlace.Photo);
        PhotoNotices = upload.Notices;
        return Outcome == ProcedureResult.NotFound ? NotFound() : await LoadAsync(id, reveal: false, ct);
    }

    private static readonly ProcedureResult NoPhotoChosen = ProcedureResult.Refused("no_file",
        "No photo was chosen. Choose a file with the photo, or take one with the phone's camera.",
        "Nie wybrano zdjęcia. Wybierz plik ze zdjęciem albo zrób zdjęcie aparatem telefonu.");

    public async Task<IActionResult> OnPostReuseAsync(Guid id, Guid photoId, CancellationToken ct) =>
        await ShowAsync(id, await review.ReuseAsync(await viewers.GetAsync(ct), photoId, ct), OutcomePlace.Photo, DoneTexts.PhotoRestored, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, bool confirmed, CancellationToken ct)
    {
        // Only the words said afterwards: the change itself checks the viewer and acts under the policy standing then.
        var policy = await PolicyOfAsync(id, ct);
        return await ShowAsync(id, await applications.WithdrawAsync(await viewers.GetAsync(ct), id, confirmed, ct), OutcomePlace.Application,
            policy == IssuancePolicy.OnApplication ? DoneTexts.ApplicationWithdrawn : DoneTexts.ObjectionWithdrawn, ct);
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct)
    {
        var policy = await PolicyOfAsync(id, ct);
        var result = await applications.SubmitAsync(await viewers.GetAsync(ct), id, ct);
        return policy == IssuancePolicy.OnApplication && result.Succeeded
            ? this.BackWith(DoneTexts.ApplicationFiled, OutcomePlaces.Fragment(OutcomePlace.Application),
                await DoneTexts.ToGuardiansAsync(db, id, DoneTexts.GuardiansEmailedOnDecision, ct))
            : await ShowAsync(id, result, OutcomePlace.Application, DoneTexts.ObjectionFiled, ct);
    }

    /// <summary>A change that was made is said after a redirect; a refusal is shown at once, beside its form.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, ProcedureResult result, OutcomePlace place, string donePl, CancellationToken ct)
    {
        if (result == ProcedureResult.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return this.BackWith(donePl, OutcomePlaces.Fragment(place));
        }

        (Outcome, OutcomeAt) = (result, place);
        return await LoadAsync(id, reveal: false, ct);
    }

    /// <summary>
    /// Which of the two requests the school's policy makes of a guardian: an application, or an objection. Only picks
    /// the words said after the change; the change itself checks the viewer and reads the policy again.
    /// </summary>
    private Task<IssuancePolicy> PolicyOfAsync(Guid pupilId, CancellationToken ct) =>
        db.Pupils.Where(p => p.Id == pupilId).Join(db.Schools, p => p.SchoolId, s => s.Id, (_, s) => s.Policy).FirstOrDefaultAsync(ct);

    private async Task<IActionResult> LoadAsync(Guid id, bool reveal, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var pupil = await db.VisiblePupils(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pupil is null)
        {
            return NotFound();
        }

        Pupil = pupil;
        ClassName = await db.Classes.Where(c => c.Id == pupil.ClassId).Select(c => c.Name).SingleAsync(ct);
        ClassVisible = await db.VisibleClasses(viewer).AnyAsync(c => c.Id == pupil.ClassId, ct);
        Today = WarsawCalendar.Today(db.Clock);
        NowUtc = db.Clock.GetUtcNow().UtcDateTime;
        Cards = await db.Cards.AsNoTracking().Where(c => c.PupilId == id).OrderByDescending(c => c.IssueDate).ToListAsync(ct);
        Policy = await db.Schools.Where(s => s.Id == pupil.SchoolId).Select(s => s.Policy).SingleAsync(ct);
        var (kind, standing) = ApplicationDesk.AskedUnder(Policy);
        Application = await db.Applications.AsNoTracking().Where(a => a.PupilId == id && a.Kind == kind)
            .OrderByDescending(a => a.SubmittedAt).FirstOrDefaultAsync(ct);
        var isGuardian = await applications.IsGuardianAsync(viewer, id, ct);
        var mayFile = ApplicationDesk.MayFile(viewer, pupil, isGuardian);
        CanFile = mayFile && Application?.State is not (ApplicationState.Pending or ApplicationState.Approved);
        CanWithdraw = mayFile && Application?.State == standing;
        FilesForGuardian = mayFile && !isGuardian;
        CanReuse = viewer.Has(pupil.SchoolId, PhotoReview.SchoolReviewers);
        CanUpload = isGuardian || viewer.Has(pupil.SchoolId, PhotoIntake.SchoolUploaders) || ClassVisible && viewer.Has(pupil.SchoolId, StaffRole.Teacher);
        Photos = await db.Photos.AsNoTracking().Where(p => p.PupilId == id).OrderByDescending(p => p.UploadedAt).Take(10).ToListAsync(ct);
        if (viewer.Has(pupil.SchoolId, StaffRole.Secretary, StaffRole.Director, StaffRole.Operator, StaffRole.Teacher))
        {
            Guardians = await db.PupilGuardians.Where(g => g.PupilId == id).Select(g => g.Email).OrderBy(e => e).ToListAsync(ct);
        }

        MobileId = await codes.HistoryAsync(viewer, id, ct);
        CanGenerate = viewer.Has(pupil.SchoolId, CodeDesk.Generators);
        NewCodeEndsAPhone = CanGenerate && await codes.NewCodeEndsAPhoneAsync(id, ct);
        if (reveal)
        {
            db.Audit(viewer.Actor, "pupil.revealed", nameof(Registry.Pupil), id, pupil.SchoolId, new { fields = new[] { "pesel", "address" } });
            await db.SaveChangesAsync(ct);
            Revealed = true;
        }

        return Page();
    }
}

public enum OutcomePlace
{
    None,
    Application,
    NewCode,
    Photo,
}

/// <summary>Each place's anchor on the page, so that the browser comes back to the form that was sent.</summary>
public static class OutcomePlaces
{
    public static string? Fragment(OutcomePlace place) => place switch
    {
        OutcomePlace.Application => "application",
        OutcomePlace.NewCode => "new-code-form",
        OutcomePlace.Photo => "photo",
        _ => null,
    };

    public static OutcomePlace At(string? fragment) =>
        Enum.GetValues<OutcomePlace>().FirstOrDefault(place => Fragment(place) == fragment);
}
