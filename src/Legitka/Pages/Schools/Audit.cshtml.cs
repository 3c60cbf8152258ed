using Legitka.Access;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

public sealed class AuditModel(ViewerAccessor viewers, LegitkaDbContext db) : PageModel
{
    private const int PageSize = 100;
    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public List<AuditEntry> Entries { get; private set; } = [];
    public long? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, long? before, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.Has(id, Viewer.WholeSchool))
        {
            return NotFound();
        }

        SchoolId = id;
        SchoolName = await db.Schools.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(ct);
        Entries = await AuditQueries.ForSchool(db, id, before, PageSize).ToListAsync(ct);
        NextBefore = Entries.Count == PageSize ? Entries[^1].Sequence : null;
        return Page();
    }
}
