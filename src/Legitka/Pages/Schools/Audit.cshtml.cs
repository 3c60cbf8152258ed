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
    public Dictionary<Guid, string> PupilNames { get; private set; } = [];
    public Dictionary<Guid, string> ClassNames { get; private set; } = [];

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
        var pupilIds = IdsOf(nameof(Registry.Pupil));
        PupilNames = await db.Pupils.Where(p => p.SchoolId == id && pupilIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.GivenNames + " " + p.FamilyName, ct);
        var classIds = IdsOf(nameof(Registry.SchoolClass));
        ClassNames = await db.Classes.Where(c => c.SchoolId == id && classIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return Page();
    }

    /// <summary>The records of one type the page's entries point at (looked up in this school only).</summary>
    private List<Guid> IdsOf(string entityType) =>
        [.. Entries.Where(e => e.EntityType == entityType).Select(e => Guid.TryParse(e.EntityId, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct()];
}
