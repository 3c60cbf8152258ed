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
        ["application.closed"] = "wniosek zamknięty (szkoła wydaje bez wniosku)",
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

    /// <summary>What kind of record an entry is about, for entries that name no pupil or class.</summary>
    private static readonly Dictionary<string, string> Records = new(StringComparer.Ordinal)
    {
        ["CodeBatch"] = "partia kodów",
        ["SlipSet"] = "kartki z kodami",
        ["School"] = "szkoła",
        ["PupilPhoto"] = "zdjęcie",
        ["MobileIdApplication"] = "wniosek",
        ["User"] = "konto",
        ["IssuerKey"] = "klucz wystawcy",
    };

    public static IEnumerable<string> Labels => Polish.Values.Concat(Records.Values);

    public static string Record(string entityType) => Records.GetValueOrDefault(entityType, entityType);

    /// <summary>
    /// The details as stored (escaped JSON, e.g. {"WalletApp":"Za\u017C\u00F3\u0142\u0107"}) written as lines of
    /// "field: value" with the letters themselves; the page encodes them as HTML. The stored text is what the hash
    /// chain covers, so only the display changes.
    /// </summary>
    public static string? Readable(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return details;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(details) switch
            {
                // One line a field: "policy: OptOut", the way a person reads a record, not the way a parser does.
                System.Text.Json.Nodes.JsonObject fields => string.Join('\n', fields.Select(f => $"{f.Key}: {Value(f.Value)}")),
                { } other => Value(other),
                null => details,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return details;
        }
    }

    /// <summary>Text as it is, other values as relaxed JSON; a long list shortened to its first items and a count.</summary>
    private static string Value(System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => "—",
        System.Text.Json.Nodes.JsonValue text when text.TryGetValue<string>(out var s) => s,
        System.Text.Json.Nodes.JsonArray { Count: > ListedItems } list =>
            $"{string.Join(", ", list.Take(ListedItems).Select(Value))}, … (+{list.Count - ListedItems})",
        System.Text.Json.Nodes.JsonArray list => string.Join(", ", list.Select(Value)),
        _ => value.ToJsonString(ReadableJson),
    };

    private const int ListedItems = 3;

    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Label(string action) => Polish.GetValueOrDefault(action, action);
}
