using System.Buffers.Text;
using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Credentials.Jose;

namespace Legitka.Credentials.SdJwt;

/// <summary>Creates the holder's Key Binding JWT (RFC 9901 §4.3): <c>typ</c> <c>kb+jwt</c>, <c>iat</c>, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c>.</summary>
public static class KeyBindingJwtWriter
{
    /// <summary>Appends a Key Binding JWT to <paramref name="sdJwt"/>, which must end with '~', and returns the SD-JWT+KB.</summary>
    public static string Append(string sdJwt, IJwsSigner holderKey, string audience, string nonce, DateTimeOffset issuedAt)
    {
        if (!sdJwt.EndsWith('~'))
        {
            throw new ArgumentException("An SD-JWT ends with '~'.", nameof(sdJwt));
        }

        var sdJwtBytes = System.Text.Encoding.ASCII.GetBytes(sdJwt);
        Span<byte> hash = stackalloc byte[32];
        Span<byte> sdHash = stackalloc byte[43];
        SHA256.HashData(sdJwtBytes, hash);
        Base64Url.EncodeToUtf8(hash, sdHash);

        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteNumber("iat"u8, issuedAt.ToUnixTimeSeconds());
            writer.WriteString("aud"u8, audience);
            writer.WriteString("nonce"u8, nonce);
            writer.WriteString("sd_hash"u8, sdHash);
            writer.WriteEndObject();
        }

        var header = CompactJwsWriter.EncodeHeader(holderKey, KeyBindingVerifier.Type);
        var jws = new byte[CompactJwsWriter.GetLength(header.Length, payload.WrittenCount)];
        CompactJwsWriter.Write(jws, header, payload.WrittenSpan, holderKey);
        return sdJwt + System.Text.Encoding.ASCII.GetString(jws);
    }
}
