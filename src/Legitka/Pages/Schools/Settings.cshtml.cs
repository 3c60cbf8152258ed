using Legitka.Access;
using Legitka.Accounts;
using Legitka.Applications;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Procedure;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Pages.Schools;

/// <summary>What a school decides for itself: issuance policy, photo limits, code validity and phones per pupil. The director and the secretary.</summary>
public sealed class SettingsModel(ViewerAccessor viewers, LegitkaDbContext db, ApplicationDesk applications) : PageModel
{
    private static readonly StaffRole[] Editors = [StaffRole.Director, StaffRole.Secretary, StaffRole.Operator];

    public School School { get; private set; } = null!;

    /// <summary>Applications waiting for the director: a switch to the opt-out policy closes them.</summary>
    public int PendingApplications { get; private set; }
    public ProcedureResult? Outcome { get; private set; }
    public Done? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Done = this.TakeDone();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, IssuancePolicy policy, string limits, int firstCodeDays, int laterCodeDays,
        int devices, string? walletApp, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (firstCodeDays is < 1 or > 90 || laterCodeDays is < 1 or > 90 || devices is < 1 or > 3)
        {
            Outcome = ProcedureResult.Refused("invalid_settings",
                "Code validity must be 1–90 days and phones per pupil 1–3.",
                "Ważność kodów musi wynosić od 1 do 90 dni, a liczba telefonów ucznia od 1 do 3. Nic nie zapisano.");
            return Page();
        }

        walletApp = string.IsNullOrWhiteSpace(walletApp) ? null : walletApp.Trim();
        if (walletApp is { Length: > School.WalletAppMaxLength })
        {
            Outcome = ProcedureResult.Refused("invalid_settings",
                $"The wallet app's name may have at most {School.WalletAppMaxLength} characters.",
                $"Nazwa aplikacji portfela może mieć najwyżej {School.WalletAppMaxLength} znaków. Nic nie zapisano.");
            return Page();
        }

        (School.FirstCodeValidDays, School.LaterCodeValidDays, School.DevicesPerPupil) = (firstCodeDays, laterCodeDays, devices);
        School.WalletApp = walletApp;

        var rules = limits == "central-2025" ? PhotoRules.Central2025 : PhotoRules.Seed;
        policy = Enum.IsDefined(policy) ? policy : School.Policy;
        (School.PhotoMaxBytes, School.PhotoMinWidth, School.PhotoMinHeight) = (rules.MaxBytes, rules.MinWidth, rules.MinHeight);
        var viewer = await viewers.GetAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var closed = await applications.SwitchPolicyAsync(viewer.Actor, School.Id, policy, ct) ?? 0;
        db.Audit(viewer.Actor, "school.configured", nameof(School), School.Id, School.Id,
            new
            {
                policy = policy.ToString(), School.PhotoMaxBytes, School.PhotoMinWidth, School.PhotoMinHeight,
                School.FirstCodeValidDays, School.LaterCodeValidDays, School.DevicesPerPupil, School.WalletApp,
            });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return closed == 0 ? this.BackWith(DoneTexts.SettingsSaved) : this.BackWith(DoneTexts.SettingsSavedApplicationsClosed, args: closed);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.Has(id, Editors))
        {
            return false;
        }

        School = await db.Schools.SingleAsync(s => s.Id == id, ct);
        PendingApplications = await applications.CountPendingAsync(id, ct);
        return true;
    }
}
