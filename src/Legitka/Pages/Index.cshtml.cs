using Legitka.Access;
using Legitka.Data;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages;

/// <summary>Each role's home: schools for whole-school staff, the class for a homeroom teacher, children for a guardian.</summary>
public sealed class IndexModel(ViewerAccessor viewers, LegitkaDbContext db) : PageModel
{
    public Viewer Viewer { get; private set; } = null!;
    public List<School> Schools { get; private set; } = [];
    public List<SchoolClass> OwnClasses { get; private set; } = [];
    public List<Pupil> Children { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await viewers.GetAsync(ct);
        Schools = await db.VisibleSchools(Viewer).OrderBy(s => s.Name).ToListAsync(ct);
        var userId = Viewer.UserId;
        OwnClasses = await db.VisibleClasses(Viewer).Where(c => c.HomeroomTeacherId == userId).OrderBy(c => c.Name).ToListAsync(ct);
        var email = Viewer.ConfirmedEmail;
        Children = email is null
            ? []
            : [.. (await db.VisiblePupils(Viewer).Where(p => db.PupilGuardians.Any(g => g.PupilId == p.Id && g.Email == email)).ToListAsync(ct))
                .OrderBy(p => p.GivenNames, PolishOrder.Names)];
    }
}
