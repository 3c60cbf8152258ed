using System.Globalization;

namespace Legitka.Registry;

/// <summary>
/// Names in the order a Polish reader looks them up: Górska before Grabowski, Łukasz after Lucyna, Żak last. Neither
/// database gives it by default (SQLite and PostgreSQL's C collation compare code points, which put every Polish
/// letter after z), so lists that people read are sorted with this instead.
/// </summary>
public static class PolishOrder
{
    public static StringComparer Names { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("pl-PL"), CompareOptions.IgnoreCase);
}
