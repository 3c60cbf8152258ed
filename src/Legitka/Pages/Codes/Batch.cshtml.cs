using Legitka.Codes;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Legitka.Pages.Codes;

/// <summary>One code batch: its progress while the background job runs, then the slips to print, class by class.</summary>
public sealed class BatchModel(ViewerAccessor viewers, CodeDesk desk) : PageModel
{
    public BatchView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await desk.BatchAsync(await viewers.GetAsync(ct), id, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
