using Legitka.Issuance;

namespace Legitka.Tests.Issuance;

public sealed class StatusIndexPermutationTests
{
    [Fact]
    public void Every_sequence_number_of_a_list_gets_its_own_entry()
    {
        var permutation = new StatusIndexPermutation("key of list 1"u8);
        var seen = new bool[1 << StatusIndexPermutation.Bits];
        for (var n = 0; n < seen.Length; n++)
        {
            var index = permutation.Apply(n);
            Assert.InRange(index, 0, seen.Length - 1);
            Assert.False(seen[index], $"entry {index} handed out twice");
            seen[index] = true;
        }
    }

    [Fact]
    public void Entries_do_not_follow_the_order_of_activation_and_differ_between_keys()
    {
        var first = new StatusIndexPermutation("key of list 1"u8);
        var second = new StatusIndexPermutation("key of list 2"u8);
        var indexes = Enumerable.Range(0, 1000).Select(n => first.Apply(n)).ToList();

        // Consecutive activations land far apart, in no rising order, and another key scatters them elsewhere.
        Assert.True(indexes.Zip(indexes.Skip(1)).Count(p => p.Second > p.First) is > 400 and < 600);
        Assert.True(indexes.Zip(indexes.Skip(1)).Average(p => Math.Abs(p.Second - p.First)) > 100_000);
        Assert.True(Enumerable.Range(0, 1000).Count(n => first.Apply(n) == second.Apply(n)) < 5);
    }

    [Fact]
    public void A_smaller_list_gets_every_entry_of_its_own_range_once()
    {
        var permutation = new StatusIndexPermutation("key of a small list"u8);
        const int size = 1_000;
        var indexes = Enumerable.Range(0, size).Select(n => permutation.Apply(n, size)).ToList();
        Assert.Equal(Enumerable.Range(0, size), indexes.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => permutation.Apply(size, size));
    }

    [Fact]
    public void A_sequence_number_beyond_the_list_is_a_bug()
    {
        var permutation = new StatusIndexPermutation("k"u8);
        Assert.Throws<ArgumentOutOfRangeException>(() => permutation.Apply(1 << StatusIndexPermutation.Bits));
        Assert.Throws<ArgumentOutOfRangeException>(() => permutation.Apply(-1));
    }
}
