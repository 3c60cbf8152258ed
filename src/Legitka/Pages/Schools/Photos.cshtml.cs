using Legitka.Access;
using Legitka.Photos;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

/// <summary>The secretary's bulk load of e-mailed photos, as a ZIP.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxZipBytes)]
[RequestSizeLimit(MaxZipBytes)]
public sealed class PhotosModel(ViewerAccessor viewers, PhotoIntake intake, Data.LegitkaDbContext db) : PageModel
{
    private const long MaxZipBytes = 2L * 1024 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    public Guid SchoolId { get; private set; }
    public List<BulkPhotoResult>? Results { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await AllowedAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await AllowedAsync(id, ct))
        {
            return NotFound();
        }

        if (Upload is null || Upload.Length == 0)
        {
            Problem = "Nie wybrano pliku ZIP.";
            return Page();
        }

        var maxBytes = await db.Schools.Where(s => s.Id == id).Select(s => s.PhotoMaxBytes).SingleAsync(ct);
        List<PhotoFile> files;
        try
        {
            await using var stream = Upload.OpenReadStream();
            files = PhotoFolder.ReadZip(stream, maxBytes);
        }
        catch (InvalidDataException)
        {
            Problem = "To nie jest poprawny plik ZIP.";
            return Page();
        }

        Results = await intake.ImportAsync(id, files, (await viewers.GetAsync(ct)).Actor, ct);
        return Page();
    }

    private async Task<bool> AllowedAsync(Guid id, CancellationToken ct)
    {
        SchoolId = id;
        return (await viewers.GetAsync(ct)).Has(id, PhotoIntake.SchoolUploaders);
    }
}
