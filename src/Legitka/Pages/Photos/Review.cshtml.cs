using Legitka.Data;
using Legitka.Photos;
using Legitka.Procedure;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Photos;

/// <summary>One photo at a time, oldest first: accept, or reject with a reason. The queue holds only what the viewer reviews.</summary>
public sealed class ReviewModel(ViewerAccessor viewers, PhotoReview review, LegitkaDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? ClassId { get; set; }
    public ReviewItem? Current { get; private set; }
    public int Remaining { get; private set; }
    public ProcedureResult? Outcome { get; private set; }
    public Done? Done { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Done = this.TakeDone();
        return LoadAsync(ct);
    }

    /// <summary>A rejection refused (no reason given) for the photo still shown: said beside the reason, not at the top.</summary>
    public bool RefusedBesideReason { get; private set; }

    public async Task<IActionResult> OnPostAcceptAsync(Guid photoId, CancellationToken ct) =>
        await ShowAsync(await review.AcceptAsync(await viewers.GetAsync(ct), photoId, ct), photoId, DoneTexts.PhotoAccepted, DoneTexts.GuardiansEmailed, ct);

    public async Task<IActionResult> OnPostRejectAsync(Guid photoId, string? reason, string? other, CancellationToken ct)
    {
        var text = string.Join(". ", new[] { reason, other }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        var shown = await ShowAsync(await review.RejectAsync(await viewers.GetAsync(ct), photoId, text, ct), photoId, DoneTexts.PhotoRejected,
            DoneTexts.GuardiansEmailedWithReason, ct);
        RefusedBesideReason = Outcome is not null && Current?.PhotoId == photoId;
        return shown;
    }

    /// <summary>After a decision the next photo comes by a redirect (a reload does not decide twice); a refusal shows the same photo.</summary>
    private async Task<IActionResult> ShowAsync(ProcedureResult result, Guid photoId, string donePl, string emailedPl, CancellationToken ct)
    {
        if (result == ProcedureResult.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            // To the top (the form's own address would carry its anchor over to the next photo's reject form).
            var pupilId = await db.Photos.Where(p => p.Id == photoId).Select(p => p.PupilId).SingleAsync(ct);
            return this.BackWith(donePl, "main", await DoneTexts.ToGuardiansAsync(db, pupilId, emailedPl, ct), routeValues: new { ClassId });
        }

        Outcome = result;
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.IsStaff)
        {
            // Guardians send photos; only staff review them (an empty queue would suggest otherwise).
            return NotFound();
        }

        var queue = await review.QueueAsync(viewer, ClassId, ct);
        Current = queue.FirstOrDefault();
        Remaining = queue.Count;
        return Page();
    }
}
