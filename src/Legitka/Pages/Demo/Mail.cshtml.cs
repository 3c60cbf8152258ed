using Legitka.Demo;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Legitka.Pages.Demo;

/// <summary>The signed-in user's messages in the demo mailbox; absent (404) outside `serve --demo`.</summary>
public sealed class MailModel(ViewerAccessor viewers, IServiceProvider services) : PageModel
{
    public string Address { get; private set; } = "";
    public IReadOnlyList<DemoMail> Mails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (services.GetService<DemoMailbox>() is not { } mailbox)
        {
            return NotFound();
        }

        var viewer = await viewers.GetAsync(ct);
        Address = viewer.ConfirmedEmail ?? "";
        Mails = Address.Length == 0 ? [] : mailbox.To(Address);
        return Page();
    }
}
