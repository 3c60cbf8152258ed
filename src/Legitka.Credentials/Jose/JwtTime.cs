using System.Text.Json;

namespace Legitka.Credentials.Jose;

/// <summary>NumericDate claims (RFC 7519 §2): seconds since the epoch, possibly fractional.</summary>
internal static class JwtTime
{
    public static bool TryGet(JsonElement claims, string name, out DateTimeOffset value, out bool present)
    {
        value = default;
        present = claims.TryGetProperty(name, out var element);
        if (!present)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        return true;
    }
}
