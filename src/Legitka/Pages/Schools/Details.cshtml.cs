using Legitka.Access;
using Legitka.Data;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

public sealed class DetailsModel(ViewerAccessor viewers, LegitkaDbContext db) : PageModel
{
    public School School { get; private set; } = null!;
    public List<ClassRow> Classes { get; private set; } = [];
    public bool CanImport { get; private set; }

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
        Classes = await db.Classes.Where(c => c.SchoolId == id)
            .OrderBy(c => c.Name)
            .Select(c => new ClassRow(c.Id, c.Name,
                db.Users.Where(u => u.Id == c.HomeroomTeacherId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Pupils.Count(p => p.ClassId == c.Id)))
            .ToListAsync(ct);
        return Page();
    }

    public sealed record ClassRow(Guid Id, string Name, string? Teacher, int Pupils);
}
