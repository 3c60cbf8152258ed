using System.Buffers.Text;
using System.Security.Cryptography;
using Legitka.Codes;

namespace Legitka.Issuance;

/// <summary>
/// Values the issuer hands out and takes back without storing them: a body and a 128-bit HMAC tag under the local
/// secret (<see cref="CodeHasher"/>), base64url. The purpose is mixed into the tag, so a value of one kind is never
/// accepted as another.
/// </summary>
internal static class SealedValue
{
    private const int TagBytes = 16;

    public static string Seal(CodeHasher hasher, string purpose, ReadOnlySpan<byte> body)
    {
        Span<byte> raw = stackalloc byte[body.Length + TagBytes];
        body.CopyTo(raw);
        Tag(hasher, purpose, body).AsSpan(0, TagBytes).CopyTo(raw[body.Length..]);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>Fills <paramref name="body"/> (its length is the body's) when the text is a value of this purpose made by this issuer.</summary>
    public static bool TryOpen(CodeHasher hasher, string purpose, string text, Span<byte> body)
    {
        Span<byte> raw = stackalloc byte[body.Length + TagBytes];
        if (text.Length > Base64Url.GetEncodedLength(raw.Length) || !Base64Url.IsValid(text, out var length) || length != raw.Length
            || Base64Url.DecodeFromChars(text, raw) != raw.Length
            || !CryptographicOperations.FixedTimeEquals(Tag(hasher, purpose, raw[..body.Length]).AsSpan(0, TagBytes), raw[body.Length..]))
        {
            return false;
        }

        raw[..body.Length].CopyTo(body);
        return true;
    }

    private static byte[] Tag(CodeHasher hasher, string purpose, ReadOnlySpan<byte> body) => hasher.Hash(purpose, Convert.ToBase64String(body));
}
