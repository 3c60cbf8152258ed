using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Legitka.Issuance;

/// <summary>
/// A keyed bijection of [0, 2^20): the n-th credential of a list gets entry <c>Apply(n)</c>. Entries are therefore
/// unique without a draw that can collide, yet look random to a verifier, who cannot tell from an index when a card was
/// activated (the herd privacy that the Token Status List draft asks of random indices). A balanced eight-round
/// Feistel network on two 10-bit halves, its round functions tables drawn from the key; for a list smaller than
/// 2^20, <see cref="Apply(int, int)"/> walks the cycle until the entry falls inside it.
/// </summary>
public sealed class StatusIndexPermutation
{
    public const int Bits = 20;
    private const int HalfBits = Bits / 2;
    private const int HalfMask = (1 << HalfBits) - 1;
    private const int Rounds = 8;
    private readonly ushort[][] _rounds;

    public StatusIndexPermutation(ReadOnlySpan<byte> key)
    {
        _rounds = new ushort[Rounds][];
        Span<byte> block = stackalloc byte[32];
        Span<byte> counter = stackalloc byte[8];
        for (var round = 0; round < Rounds; round++)
        {
            var table = new ushort[1 << HalfBits];
            for (var i = 0; i < table.Length; i += 16)
            {
                BinaryPrimitives.WriteInt32BigEndian(counter, round);
                BinaryPrimitives.WriteInt32BigEndian(counter[4..], i);
                HMACSHA256.HashData(key, counter, block);
                for (var j = 0; j < 16; j++)
                {
                    table[i + j] = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(block[(2 * j)..]) & HalfMask);
                }
            }

            _rounds[round] = table;
        }
    }

    /// <summary>The entry of the n-th credential of a list of <paramref name="size"/> entries (n &lt; size ≤ 2^20).</summary>
    public int Apply(int sequence, int size)
    {
        if ((uint)sequence >= (uint)size || size > 1 << Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Entry {sequence} of a list of {size}.");
        }

        // Cycle walking: a permutation of the larger range, followed until it lands below size, permutes [0, size).
        var index = Apply(sequence);
        while (index >= size)
        {
            index = Apply(index);
        }

        return index;
    }

    public int Apply(int sequence)
    {
        if ((uint)sequence >= 1u << Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"A status list has 2^{Bits} entries.");
        }

        int left = sequence >> HalfBits, right = sequence & HalfMask;
        foreach (var table in _rounds)
        {
            (left, right) = (right, left ^ table[right]);
        }

        return (left << HalfBits) | right;
    }
}
