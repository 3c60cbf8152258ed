namespace Legitka.Web;

/// <summary>What the portal says after each change it made, in Polish (the English is in <see cref="UiEnglish"/>).</summary>
public static class DoneTexts
{
    public const string PhotoSent = "Zdjęcie zostało wysłane i czeka na akceptację szkoły.";
    public const string PhotoRestored = "Przywrócono zdjęcie zaakceptowane wcześniej.";
    public const string PhotoAccepted = "Zdjęcie zaakceptowane. Opiekunowie dostaną wiadomość e-mail.";
    public const string PhotoRejected = "Zdjęcie odrzucone. Opiekunowie dostaną wiadomość e-mail z powodem i prośbą o nowe zdjęcie.";
    public const string ApplicationFiled = "Wniosek złożony. Rozpatrzy go dyrektor szkoły; o decyzji opiekunowie dostaną wiadomość e-mail.";
    public const string ApplicationWithdrawn = "Wniosek wycofany.";
    public const string ObjectionFiled = "Sprzeciw zapisany: szkoła nie wyda uczniowi mLegitymacji, dopóki sprzeciw nie zostanie wycofany.";
    public const string ObjectionWithdrawn = "Sprzeciw wycofany: szkoła wyda uczniowi mLegitymację.";
    public const string ApplicationApproved = "Wniosek zatwierdzony. Opiekunowie dostaną wiadomość e-mail.";
    public const string ApplicationDeclined = "Wniosek odrzucony. Opiekunowie dostaną wiadomość e-mail z uzasadnieniem.";
    public const string SettingsSaved = "Ustawienia zapisane.";
    public const string SettingsSavedApplicationsClosed = "Ustawienia zapisane. Zamknięte niepotrzebne wnioski: {0}; opiekunowie dostaną wiadomość e-mail.";
    public const string ClassReported = "Gotowość klasy zgłoszona. Sekretariat szkoły może teraz wygenerować kody dla uczniów z kompletem.";

    public static IEnumerable<string> All =>
        typeof(DoneTexts).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
