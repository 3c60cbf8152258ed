using System.Globalization;

namespace Legitka.Web;

/// <summary>
/// The portal's words. Pages are written in Polish (the first language); this maps each Polish text to English
/// for users who switch. A test checks that every text used in a page has its English.
/// </summary>
public sealed class Ui
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string polish] => IsEnglish && UiEnglish.Texts.TryGetValue(polish, out var english) ? english : polish;

    public string Format(string polish, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[polish], args);
}
