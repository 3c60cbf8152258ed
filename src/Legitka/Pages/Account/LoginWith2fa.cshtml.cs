using Legitka.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Legitka.Pages.Account;

[EnableRateLimiting(Web.PortalSetup.LoginRateLimit)]
public sealed class LoginWith2faModel(SignInManager<LegitkaUser> signIn) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "~/");
        }

        Error = result.IsLockedOut
            ? "Konto jest czasowo zablokowane po zbyt wielu nieudanych próbach. Spróbuj ponownie za 15 minut."
            : "Kod jest nieprawidłowy lub wygasł. Wpisz aktualny kod z aplikacji.";
        return Page();
    }
}
