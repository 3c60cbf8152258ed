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
        var pupilIds = Entries.Select(PupilOf).OfType<Guid>().Distinct().ToList();
        PupilNames = await db.Pupils.AsNoTracking().Where(p => p.SchoolId == id && pupilIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = p.GivenNames + " " + p.FamilyName }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var classIds = Entries.Where(e => e.EntityType == nameof(Registry.SchoolClass)).Select(e => IdOf(e.EntityId)).OfType<Guid>().Distinct().ToList();
        ClassNames = await db.Classes.AsNoTracking().Where(c => c.SchoolId == id && classIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return Page();
    }

    /// <summary>
    /// The pupil an entry concerns: the record itself, or the one its details name (photos, applications, codes are
    /// recorded under their own ids with the pupil in the details).
    /// </summary>
    public static Guid? PupilOf(AuditEntry entry)
    {
        if (entry.EntityType == nameof(Registry.Pupil))
        {
            return IdOf(entry.EntityId);
        }

        if (entry.Details is null || !entry.Details.Contains("\"pupil\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var details = System.Text.Json.JsonDocument.Parse(entry.Details);
            return details.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && details.RootElement.TryGetProperty("pupil", out var pupil) && pupil.ValueKind == System.Text.Json.JsonValueKind.String
                ? IdOf(pupil.GetString())
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Guid? IdOf(string? text) => Guid.TryParse(text, out var id) ? id : null;
}
