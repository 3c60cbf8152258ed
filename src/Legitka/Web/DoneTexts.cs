using Legitka.Data;
using Legitka.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Web;

/// <summary>What the portal says after each change it made, in Polish (the English is in <see cref="UiEnglish"/>).</summary>
public static class DoneTexts
{
    public const string PhotoSent = "Zdjęcie zostało wysłane i czeka na akceptację szkoły.";
    public const string PhotoRestored = "Przywrócono zdjęcie zaakceptowane wcześniej.";
    public const string PhotoAccepted = "Zdjęcie zaakceptowane.";
    public const string PhotoRejected = "Zdjęcie odrzucone.";
    public const string ApplicationFiled = "Wniosek złożony. Rozpatrzy go dyrektor szkoły.";
    public const string ApplicationWithdrawn = "Wniosek wycofany.";
    public const string ObjectionFiled = "Sprzeciw zapisany: szkoła nie wyda uczniowi mLegitymacji, dopóki sprzeciw nie zostanie wycofany.";
    public const string ObjectionWithdrawn = "Sprzeciw wycofany: szkoła wyda uczniowi mLegitymację.";
    public const string ApplicationApproved = "Wniosek zatwierdzony.";
    public const string ApplicationDeclined = "Wniosek odrzucony.";
    public const string SettingsSaved = "Ustawienia zapisane.";
    public const string SettingsSavedApplicationsClosed = "Ustawienia zapisane. Zamknięte niepotrzebne wnioski: {0}; opiekunowie dostaną wiadomość e-mail.";
    public const string ClassReported = "Gotowość klasy zgłoszona. Sekretariat szkoły może teraz wygenerować kody dla uczniów z kompletem.";

    // What follows a change the guardians are told about: only promised when the e-diary gave an address to write to.
    public const string GuardiansEmailed = "Opiekunowie dostaną wiadomość e-mail.";
    public const string GuardiansEmailedWithReason = "Opiekunowie dostaną wiadomość e-mail z powodem.";
    public const string GuardiansEmailedOnDecision = "O decyzji opiekunowie dostaną wiadomość e-mail.";
    public const string NoGuardianEmail = "Dziennik nie podaje adresu e-mail opiekuna: przekaż mu tę informację w inny sposób.";

    /// <summary><paramref name="emailed"/> if a guardian of the pupil has an address the mail goes to, else <see cref="NoGuardianEmail"/>.</summary>
    public static async Task<string> ToGuardiansAsync(LegitkaDbContext db, Guid pupilId, string emailed, CancellationToken ct) =>
        (await db.PupilGuardians.Where(g => g.PupilId == pupilId).Select(g => g.Email).ToListAsync(ct)).Any(Notifier.IsDeliverable)
            ? emailed
            : NoGuardianEmail;

    public static IEnumerable<string> All =>
        typeof(DoneTexts).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
