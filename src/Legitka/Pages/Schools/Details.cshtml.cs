using Legitka.Access;
using Legitka.Data;
using Legitka.Readiness;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

public sealed class DetailsModel(ViewerAccessor viewers, LegitkaDbContext db, ClassReadiness readiness) : PageModel
{
    public School School { get; private set; } = null!;
    public bool CanImport { get; private set; }
    public List<ClassProgress> Progress { get; private set; } = [];
    public List<ReadyClass> ReadyQueue { get; private set; } = [];

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
        return Page();
    }
}
