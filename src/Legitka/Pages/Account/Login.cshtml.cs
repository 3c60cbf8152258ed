using Legitka.Accounts;
using Legitka.Audit;
using Legitka.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Legitka.Pages.Account;

[EnableRateLimiting(Web.PortalSetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<LegitkaUser> signIn, LegitkaDbContext db, ILogger<LoginModel> log) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = SafeReturnUrl(), RememberMe });
        }

        // Failed attempts are audited (who tried which account, not the password), so guessing shows in the log.
        db.Audit(new Actor(null, "anonymous"), result.IsLockedOut ? "account.sign-in-locked" : "account.sign-in-failed", "User", null, null,
            new { email = Email.Trim().ToLowerInvariant(), ip = HttpContext.Connection.RemoteIpAddress?.ToString() });
        await db.SaveChangesAsync();
        if (result.IsLockedOut)
        {
            log.LogWarning("Locked-out sign-in attempt for {Email}", Email);
            Error = "Konto jest czasowo zablokowane po zbyt wielu nieudanych próbach. Spróbuj ponownie za 15 minut.";
        }
        else
        {
            Error = "Nieprawidłowy adres e-mail lub hasło.";
        }

        return Page();
    }

    private string SafeReturnUrl() => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "~/";
}
