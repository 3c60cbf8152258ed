using System.Numerics;
using System.Security.Cryptography;

namespace Legitka.Credentials.StatusList;

/// <summary>
/// Which indices of one status list have ever been handed out, one bit each. Indices are drawn
/// uniformly at random from the unused ones, so consecutive credentials get unrelated indices (the
/// draft's §12.5 linkability concern), and an index is never reused, even after its credential expires.
/// <para>
/// The host persists <see cref="ToBytes"/> beside the list (e.g. a row with a concurrency token):
/// load, <see cref="Allocate"/>, save; on a write conflict, reload and retry. Nothing here keeps
/// state outside the bytes, so several nodes can share one list.
/// </para>
/// </summary>
public sealed class StatusIndexBitmap
{
    private readonly ulong[] _words;

    public StatusIndexBitmap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _words = new ulong[(capacity + 63) / 64];
    }

    public int Capacity { get; }

    public int UsedCount { get; private set; }

    public int FreeCount => Capacity - UsedCount;

    public static StatusIndexBitmap FromBytes(ReadOnlySpan<byte> bytes, int capacity)
    {
        var bitmap = new StatusIndexBitmap(capacity);
        if (bytes.Length != bitmap._words.Length * sizeof(ulong))
        {
            throw new ArgumentException("The stored bitmap does not match the capacity.", nameof(bytes));
        }

        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes).CopyTo(bitmap._words);
        int used = 0;
        foreach (var word in bitmap._words)
        {
            used += BitOperations.PopCount(word);
        }

        bitmap.UsedCount = used;
        return bitmap;
    }

    public byte[] ToBytes() => System.Runtime.InteropServices.MemoryMarshal.AsBytes(_words.AsSpan()).ToArray();

    public bool IsUsed(int index) => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>Takes a random unused index, or returns false when the list is full (start a new list).</summary>
    public bool Allocate(out int index)
    {
        index = -1;
        if (FreeCount == 0)
        {
            return false;
        }

        // The k-th free index for a uniform k: every free index is equally likely, whatever the pattern of used ones.
        int k = RandomNumberGenerator.GetInt32(FreeCount);
        for (int w = 0; w < _words.Length; w++)
        {
            ulong free = ~_words[w];
            if (w == _words.Length - 1 && Capacity % 64 != 0)
            {
                free &= (1UL << (Capacity % 64)) - 1;
            }

            int count = BitOperations.PopCount(free);
            if (k >= count)
            {
                k -= count;
                continue;
            }

            for (; k > 0; k--)
            {
                free &= free - 1; // drop the lowest free bit
            }

            index = (w << 6) + BitOperations.TrailingZeroCount(free);
            _words[w] |= 1UL << (index & 63);
            UsedCount++;
            return true;
        }

        throw new InvalidOperationException("The used count disagrees with the bitmap.");
    }
}
