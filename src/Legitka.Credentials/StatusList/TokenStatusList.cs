using System.Buffers.Text;
using System.IO.Compression;

namespace Legitka.Credentials.StatusList;

/// <summary>
/// The status array of the Token Status List draft §4.1: <see cref="Bits"/> bits per referenced token,
/// packed from the least significant bit of each byte, and its ZLIB/DEFLATE-compressed form (<c>lst</c>).
/// </summary>
public sealed class TokenStatusList
{
    private readonly byte[] _bytes;

    public TokenStatusList(int count, int bits)
        : this(new byte[checked((count * bits) + 7) / 8], bits)
    {
    }

    private TokenStatusList(byte[] bytes, int bits)
    {
        if (bits is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), "bits must be 1, 2, 4 or 8.");
        }

        _bytes = bytes;
        Bits = bits;
    }

    public int Bits { get; }

    /// <summary>How many statuses the array holds (its byte length times 8 / <see cref="Bits"/>).</summary>
    public int Count => _bytes.Length * 8 / Bits;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public byte this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int bitPosition = index * Bits;
            return (byte)((_bytes[bitPosition >> 3] >> (bitPosition & 7)) & ((1 << Bits) - 1));
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int mask = (1 << Bits) - 1;
            if (value > mask)
            {
                throw new ArgumentOutOfRangeException(nameof(value), $"A {Bits}-bit list holds values up to {mask}.");
            }

            int bitPosition = index * Bits;
            ref byte target = ref _bytes[bitPosition >> 3];
            target = (byte)((target & ~(mask << (bitPosition & 7))) | (value << (bitPosition & 7)));
        }
    }

    /// <summary>
    /// Compresses with ZLIB. The draft recommends the highest level; we use it, since even a
    /// 1,000,000-entry list compresses in a few milliseconds.
    /// </summary>
    public byte[] Compress()
    {
        using var output = new MemoryStream(_bytes.Length / 8 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(_bytes);
        }

        return output.ToArray();
    }

    /// <summary>The base64url <c>lst</c> value.</summary>
    public string ToLst() => Base64Url.EncodeToString(Compress());

    /// <summary>
    /// Decompresses a <c>lst</c>, refusing more than <paramref name="maxBytes"/> of output so that a
    /// small compressed bomb cannot exhaust memory.
    /// </summary>
    public static TokenStatusList? TryDecompress(ReadOnlySpan<byte> compressed, int bits, int maxBytes)
    {
        if (bits is not (1 or 2 or 4 or 8))
        {
            return null;
        }

        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.Length == 0 ? null : new TokenStatusList(output.ToArray(), bits);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static TokenStatusList? TryFromLst(string lst, int bits, int maxBytes)
    {
        var compressed = Jose.Base64UrlStrict.Decode(System.Text.Encoding.ASCII.GetBytes(lst));
        return compressed is null ? null : TryDecompress(compressed, bits, maxBytes);
    }
}
