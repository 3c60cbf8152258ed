using Legitka.Access;
using Legitka.Data;
using Legitka.Import;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

[RequestSizeLimit(ImportLimits.MaxCsvBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxCsvBytes)]
public sealed class ImportModel(ViewerAccessor viewers, LegitkaDbContext db, StudentImporter importer) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool DryRun { get; set; }
    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public ImportOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await AuthorizeAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await AuthorizeAsync(id, ct))
        {
            return NotFound();
        }

        if (Upload is null || Upload.Length == 0)
        {
            Outcome = ImportOutcome.Refused([new ImportProblem(0, null, "no file was sent", "nie wybrano pliku albo plik jest pusty")]);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, ct);
        var viewer = await viewers.GetAsync(ct);
        Outcome = await importer.ImportAsync(id, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DryRun, viewer.Actor, ct);
        return Page();
    }

    private async Task<bool> AuthorizeAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.Has(id, Viewer.Importers))
        {
            return false;
        }

        SchoolId = id;
        SchoolName = await db.Schools.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(ct);
        return true;
    }
}
