using Legitka.Access;
using Legitka.Data;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Classes;

public sealed class DetailsModel(ViewerAccessor viewers, LegitkaDbContext db) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public string? Teacher { get; private set; }
    public bool SchoolVisible { get; private set; }
    public DateOnly Today { get; private set; }
    public List<PupilRow> Pupils { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var schoolClass = await db.VisibleClasses(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (schoolClass is null)
        {
            return NotFound();
        }

        Class = schoolClass;
        SchoolVisible = viewer.Has(schoolClass.SchoolId, Viewer.WholeSchool);
        Today = WarsawCalendar.Today(db.Clock);
        Teacher = await db.Users.Where(u => u.Id == schoolClass.HomeroomTeacherId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var pupils = await db.Pupils.Where(p => p.ClassId == id).OrderBy(p => p.FamilyName).ThenBy(p => p.GivenNames).ToListAsync(ct);
        var cards = (await db.Cards.Where(c => db.Pupils.Any(p => p.Id == c.PupilId && p.ClassId == id) && c.InvalidatedAt == null).ToListAsync(ct))
            .ToLookup(c => c.PupilId);
        Pupils = [.. pupils.Select(p => new PupilRow(p, cards[p.Id].MaxBy(c => c.IssueDate)))];
        return Page();
    }

    public sealed record PupilRow(Pupil Pupil, Card? Card);
}
