using System.Buffers;
using System.Text.Json;

namespace Legitka.Credentials.Keys;

/// <summary>
/// The JWT VC Issuer Metadata document served at <c>/.well-known/jwt-vc-issuer</c> (SD-JWT VC §5):
/// <c>{"issuer": …, "jwks": {"keys": […]}}</c>. A verifier must use it only if <c>issuer</c> equals the credential's <c>iss</c>.
/// </summary>
public sealed record JwtVcIssuerMetadata(string Issuer, JsonWebKeySet Keys)
{
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("issuer"u8, Issuer);
            writer.WritePropertyName("jwks"u8);
            Keys.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JwtVcIssuerMetadata? TryParse(JsonElement element, out string reason)
    {
        reason = "JWT VC Issuer Metadata needs a string 'issuer' and an inline 'jwks' (jwks_uri cannot be fetched offline)";
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("issuer"u8, out var issuer) || issuer.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("jwks"u8, out var jwks))
        {
            return null;
        }

        var keys = JsonWebKeySet.TryParse(jwks, out reason);
        return keys is null ? null : new JwtVcIssuerMetadata(issuer.GetString()!, keys);
    }
}
