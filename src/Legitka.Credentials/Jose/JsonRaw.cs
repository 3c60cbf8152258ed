using System.Runtime.InteropServices;
using System.Text.Json;

namespace Legitka.Credentials.Jose;

internal static class JsonRaw
{
    /// <summary>
    /// The raw UTF-8 of a JSON string without its quotes, and without allocating. Escapes are left as
    /// they are, so a value written with escapes (legal, but never produced for base64url) simply fails the strict checks after.
    /// </summary>
    public static ReadOnlySpan<byte> StringContent(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw[1..^1];
    }
}
