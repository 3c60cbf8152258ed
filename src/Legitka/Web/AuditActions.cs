namespace Legitka.Web;

/// <summary>The audit log's action codes in words a school office reads (English through <see cref="Ui"/>); an unknown code shows as it is.</summary>
public static class AuditActions
{
    private static readonly Dictionary<string, string> Polish = new(StringComparer.Ordinal)
    {
        ["account.2fa-disabled"] = "wyłączono logowanie dwuetapowe",
        ["account.2fa-enabled"] = "włączono logowanie dwuetapowe",
        ["account.sign-in-failed"] = "nieudane logowanie",
        ["account.sign-in-locked"] = "konto zablokowane po nieudanych logowaniach",
        ["activation.locked-out"] = "kod zablokowany po błędnych próbach",
        ["activation.refused"] = "odrzucono próbę aktywacji",
        ["activation.wrong-code"] = "wpisano błędny kod aktywacyjny",
        ["application.approved"] = "wniosek zatwierdzony",
        ["application.declined"] = "wniosek odrzucony",
        ["application.filed"] = "wniosek złożony",
        ["application.withdrawn"] = "wniosek wycofany",
        ["audit.keyed"] = "dziennik: nowy klucz podpisu",
        ["audit.pending-unverified"] = "dziennik: odrzucono niepotwierdzony wpis",
        ["class.created"] = "klasa utworzona",
        ["class.reported-ready"] = "klasa zgłoszona jako gotowa",
        ["codes.exported"] = "kody zapisane do plików (wiersz poleceń)",
        ["codes.generated"] = "wygenerowano kody",
        ["codes.requested"] = "zlecono wygenerowanie kodów",
        ["codes.slips-downloaded"] = "pobrano kartki z kodami",
        ["demo.seeded"] = "utworzono szkołę demonstracyjną",
        ["guardian.linked"] = "opiekun przypisany do ucznia",
        ["guardian.unlinked"] = "opiekun odłączony od ucznia",
        ["issuer-key.created"] = "nowy klucz podpisu mLegitymacji",
        ["mobileid.activated"] = "mLegitymacja aktywowana na telefonie",
        ["mobileid.credential-accepted"] = "telefon potwierdził zapisanie mLegitymacji",
        ["mobileid.credential-failure"] = "telefon nie zapisał mLegitymacji",
        ["mobileid.credential-deleted"] = "mLegitymacja usunięta z telefonu",
        ["objection.filed"] = "sprzeciw złożony",
        ["objection.withdrawn"] = "sprzeciw wycofany",
        ["photo.accepted"] = "zdjęcie zaakceptowane",
        ["photo.rejected"] = "zdjęcie odrzucone",
        ["photo.reused"] = "zdjęcie użyte ponownie",
        ["photo.uploaded"] = "zdjęcie przesłane",
        ["pupil.added"] = "uczeń dodany",
        ["pupil.revealed"] = "wyświetlono PESEL i adres",
        ["pupil.updated"] = "dane ucznia zmienione",
        ["register.exported"] = "pobrano rejestr",
        ["school.configured"] = "zmieniono ustawienia szkoły",
        ["school.created"] = "szkoła utworzona",
        ["user.created"] = "konto utworzone",
    };

    public static IEnumerable<string> Labels => Polish.Values;

    public static string Label(string action) => Polish.GetValueOrDefault(action, action);
}
