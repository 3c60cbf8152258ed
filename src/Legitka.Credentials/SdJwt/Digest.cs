using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Legitka.Credentials.SdJwt;

/// <summary>
/// A SHA-256 digest held as four words: a dictionary key and sort key without string allocations.
/// The order it sorts in is arbitrary but independent of claim order, which is all RFC 9901 §4.2.4.1 asks.
/// </summary>
internal readonly record struct Digest(ulong A, ulong B, ulong C, ulong D) : IComparable<Digest>
{
    public const int EncodedLength = 43;

    public static Digest Of(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return FromBytes(hash);
    }

    public static Digest FromBytes(ReadOnlySpan<byte> hash)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(hash);
        return new Digest(words[0], words[1], words[2], words[3]);
    }

    /// <summary>Parses a base64url digest as it appears in <c>_sd</c> or <c>...</c>; false unless it is exactly 32 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> encoded, out Digest digest)
    {
        digest = default;
        Span<byte> hash = stackalloc byte[33];
        if (encoded.Length != EncodedLength || !Jose.Base64UrlStrict.TryDecode(encoded, hash, out var written) || written != 32)
        {
            return false;
        }

        digest = FromBytes(hash[..32]);
        return true;
    }

    public void Encode(Span<byte> destination)
    {
        Span<ulong> words = [A, B, C, D];
        Base64Url.EncodeToUtf8(MemoryMarshal.AsBytes(words), destination);
    }

    public override string ToString()
    {
        Span<byte> encoded = stackalloc byte[EncodedLength];
        Encode(encoded);
        return System.Text.Encoding.ASCII.GetString(encoded);
    }

    public int CompareTo(Digest other)
    {
        int result = A.CompareTo(other.A);
        if (result == 0) result = B.CompareTo(other.B);
        if (result == 0) result = C.CompareTo(other.C);
        return result == 0 ? D.CompareTo(other.D) : result;
    }
}
