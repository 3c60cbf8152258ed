using Legitka.Access;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Readiness;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

public sealed class DetailsModel(ViewerAccessor viewers, LegitkaDbContext db, ClassReadiness readiness, CodeDesk codes, CodeBatchRunner runner,
    Legitka.Applications.ApplicationDesk applications) : PageModel
{
    public School School { get; private set; } = null!;
    public bool CanImport { get; private set; }
    public List<ClassProgress> Progress { get; private set; } = [];
    public List<ReadyClass> ReadyQueue { get; private set; } = [];
    public bool CanGenerate { get; private set; }
    public List<CodeBatch> Batches { get; private set; } = [];

    /// <summary>What each batch was for: its classes' names, or its one pupil's name.</summary>
    public Dictionary<Guid, (IReadOnlyList<string> Classes, string? Pupil)> BatchSubjects { get; private set; } = [];
    public Procedure.ProcedureResult? Outcome { get; private set; }
    public int PendingApplications { get; private set; }
    public Dictionary<Guid, int> UnusedSlips { get; private set; } = [];

    /// <summary>Queues codes for the chosen ready classes; the page that follows shows the job's progress.</summary>
    public async Task<IActionResult> OnPostCodesAsync(Guid id, List<Guid> classIds, bool replaceUnused, CancellationToken ct)
    {
        var request = await codes.RequestForClassesAsync(await viewers.GetAsync(ct), id, classIds, replaceUnused, ct);
        if (request.Batch is { } batch)
        {
            runner.Wake();
            return LocalRedirect($"~/codes/{batch.Id}");
        }

        if (request.Outcome == Procedure.ProcedureResult.NotFound)
        {
            return NotFound();
        }

        Outcome = request.Outcome;
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var school = await db.VisibleSchools(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (school is null)
        {
            return NotFound();
        }

        School = school;
        CanImport = viewer.Has(id, Viewer.Importers);
        Progress = await readiness.ProgressAsync(viewer, id, ct);
        ReadyQueue = await readiness.QueueAsync(viewer, id, ct);
        UnusedSlips = await codes.UnusedSlipsByClassAsync(viewer, id, [.. ReadyQueue.Select(r => r.ClassId)], ct);
        CanGenerate = viewer.Has(id, CodeDesk.Generators);
        PendingApplications = await applications.CountPendingAsync(id, ct);
        if (CanGenerate)
        {
            Batches = await db.CodeBatches.AsNoTracking().Where(b => b.SchoolId == id).OrderByDescending(b => b.CreatedAt).Take(10).ToListAsync(ct);
            var classNames = await db.Classes.Where(c => c.SchoolId == id).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
            var pupilIds = Batches.Where(b => b.PupilId is not null).Select(b => b.PupilId!.Value).ToList();
            var pupilNames = await db.Pupils.Where(p => p.SchoolId == id && pupilIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.GivenNames + " " + p.FamilyName, ct);
            BatchSubjects = Batches.ToDictionary(b => b.Id, b => (
                (IReadOnlyList<string>)(System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(b.ClassIds) ?? []).Select(c => classNames.GetValueOrDefault(c, "?")).Order().ToList(),
                b.PupilId is { } pupil ? pupilNames.GetValueOrDefault(pupil) : null));
        }

        return Page();
    }
}
