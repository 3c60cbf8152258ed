using System.Buffers.Text;
using System.Buffers;

namespace Legitka.Credentials.Jose;

/// <summary>
/// base64url without padding, whitespace or non-zero trailing bits (RFC 7515 §2). Strictness matters:
/// a lenient decoder would let two different strings carry the same signature, so a changed byte
/// could pass unnoticed.
/// </summary>
internal static class Base64UrlStrict
{
    internal static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    public static bool IsAlphabet(ReadOnlySpan<byte> encoded) => !encoded.ContainsAnyExcept(Alphabet);

    public static bool TryDecode(ReadOnlySpan<byte> encoded, Span<byte> destination, out int written)
    {
        written = 0;
        if (encoded.Length % 4 == 1 || !IsAlphabet(encoded))
        {
            return false;
        }

        // The decoder refuses non-zero trailing bits itself (as InvalidData; its Try… form throws instead);
        // the alphabet check above refuses padding and whitespace.
        return Base64Url.DecodeFromUtf8(encoded, destination, out _, out written) == OperationStatus.Done;
    }

    public static byte[]? Decode(ReadOnlySpan<byte> encoded)
    {
        var buffer = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (!TryDecode(encoded, buffer, out var written))
        {
            return null;
        }

        return written == buffer.Length ? buffer : buffer[..written];
    }
}
