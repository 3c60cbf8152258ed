using Legitka.Access;
using Legitka.Applications;
using Legitka.Data;
using Legitka.Procedure;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

/// <summary>The director decides applications; the secretary sees the same queue.</summary>
public sealed class ApplicationsModel(ViewerAccessor viewers, ApplicationDesk desk, LegitkaDbContext db) : PageModel
{
    public Guid SchoolId { get; private set; }
    public bool CanDecide { get; private set; }
    public List<PendingApplication> Pending { get; private set; } = [];
    public List<DecidedApplication> Decided { get; private set; } = [];
    public ProcedureResult? Outcome { get; private set; }
    public Done? Done { get; private set; }

    /// <summary>The application a refusal is about, when its row is still listed: the refusal is said in that row.</summary>
    public Guid? RefusedFor { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Done = this.TakeDone();
        return LoadAsync(id, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid applicationId, CancellationToken ct) => DecideAsync(id, applicationId, true, null, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, Guid applicationId, string? reason, CancellationToken ct) =>
        DecideAsync(id, applicationId, false, reason, ct);

    private async Task<IActionResult> DecideAsync(Guid id, Guid applicationId, bool approve, string? reason, CancellationToken ct)
    {
        var result = await desk.DecideAsync(await viewers.GetAsync(ct), applicationId, approve, reason, ct);
        if (result.Succeeded)
        {
            // To the top: the decided row has left the list its form's anchor pointed into.
            var pupilId = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.PupilId).SingleAsync(ct);
            var toGuardians = await DoneTexts.ToGuardiansAsync(db, pupilId, approve ? DoneTexts.GuardiansEmailed : DoneTexts.GuardiansEmailedWithReason, ct);
            return this.BackWith(approve ? DoneTexts.ApplicationApproved : DoneTexts.ApplicationDeclined, "main", toGuardians);
        }

        (Outcome, RefusedFor) = (result, applicationId);
        return Outcome == ProcedureResult.NotFound ? NotFound() : await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.Has(id, [.. ApplicationDesk.Deciders, .. ApplicationDesk.Recorders]))
        {
            return NotFound();
        }

        SchoolId = id;
        CanDecide = viewer.Has(id, ApplicationDesk.Deciders);
        Pending = await desk.PendingAsync(viewer, id, ct);
        Decided = await desk.RecentlyDecidedAsync(viewer, id, 50, ct);
        return Page();
    }
}
