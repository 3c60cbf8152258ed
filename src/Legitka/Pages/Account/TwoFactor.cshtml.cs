using Legitka.Accounts;
using Legitka.Audit;
using Legitka.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Legitka.Pages.Account;

/// <summary>TOTP two-factor sign-in (RFC 6238) with any authenticator app.</summary>
public sealed class TwoFactorModel(UserManager<LegitkaUser> users, LegitkaDbContext db) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = "Kod jest nieprawidłowy. Sprawdź, czy czas w telefonie jest dokładny, i wpisz aktualny kod.";
            return await LoadAsync();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        db.Audit(new Actor(user.Id, user.DisplayName), "account.2fa-enabled", "User", user.Id, null);
        await db.SaveChangesAsync();
        Message = "Logowanie dwuetapowe zostało włączone.";
        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        db.Audit(new Actor(user.Id, user.DisplayName), "account.2fa-disabled", "User", user.Id, null);
        await db.SaveChangesAsync();
        Message = "Logowanie dwuetapowe zostało wyłączone.";
        return await LoadAsync();
    }

    private async Task<IActionResult> LoadAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
            var uri = $"otpauth://totp/Legitka:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Legitka&digits=6";
            using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5, [0, 0, 0], [255, 255, 255]));
        }

        return Page();
    }
}
