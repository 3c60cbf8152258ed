using Legitka.Access;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Procedure;
using Legitka.Readiness;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Classes;

/// <summary>The class at a glance: each pupil's card, photo and what is missing; the homeroom teacher reports it ready.</summary>
public sealed class DetailsModel(ViewerAccessor viewers, LegitkaDbContext db, ClassReadiness readiness, CodeDesk codes) : PageModel
{
    public ClassReadinessView View { get; private set; } = null!;
    public string? Teacher { get; private set; }
    public bool SchoolVisible { get; private set; }
    public bool CanReport { get; private set; }
    public Dictionary<Guid, string> CardNumbers { get; private set; } = [];
    public ProcedureResult? Outcome { get; private set; }
    public Done? Done { get; private set; }
    public List<SlipSetView> SlipSets { get; private set; } = [];
    public Dictionary<Guid, PupilActivation> Activations { get; private set; } = [];
    public DateTime NowUtc { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Done = this.TakeDone();
        return LoadAsync(id, ct);
    }

    /// <param name="leaveOutAllUnready">The teacher's one tick for "everyone without a complete set", instead of one per pupil.</param>
    /// <param name="unreadySeen">The pupils the page listed without a complete set: the tick confirms those, not others.</param>
    public async Task<IActionResult> OnPostReportReadyAsync(Guid id, List<Guid> leftOut, bool leaveOutAllUnready, List<Guid> unreadySeen,
        CancellationToken ct)
    {
        var result = await readiness.ReportReadyAsync(await viewers.GetAsync(ct), id, leftOut, leaveOutAllUnready ? unreadySeen : null, ct);
        if (result.Succeeded)
        {
            return this.BackWith(DoneTexts.ClassReported, "report");
        }

        Outcome = result;
        return Outcome == ProcedureResult.NotFound ? NotFound() : await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var view = await readiness.GetAsync(viewer, id, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        SlipSets = await codes.SlipSetsForClassAsync(viewer, id, ct);
        NowUtc = db.Clock.GetUtcNow().UtcDateTime;
        Activations = await codes.ActivationsInClassAsync(viewer, id, NowUtc, ct);
        SchoolVisible = viewer.Has(view.Class.SchoolId, Viewer.WholeSchool);
        CanReport = view.Class.HomeroomTeacherId == viewer.UserId || viewer.Has(view.Class.SchoolId, ClassReadiness.Reporters);
        Teacher = await db.Users.Where(u => u.Id == view.Class.HomeroomTeacherId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        CardNumbers = await db.Cards.Where(c => c.InvalidatedAt == null && db.Pupils.Any(p => p.Id == c.PupilId && p.ClassId == id))
            .GroupBy(c => c.PupilId).Select(g => new { g.Key, Number = g.OrderByDescending(c => c.IssueDate).First().Number })
            .ToDictionaryAsync(x => x.Key, x => x.Number, ct);
        return Page();
    }
}
