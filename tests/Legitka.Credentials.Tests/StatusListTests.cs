using Legitka.Credentials.StatusList;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>The Token Status List draft's own examples and test vectors, plus round trips and index allocation.</summary>
public sealed class StatusListTests
{
    [Fact]
    public void One_bit_example_decodes_to_the_stated_bytes_and_back()
    {
        var list = TokenStatusList.TryFromLst("eNrbuRgAAhcBXQ", bits: 1, maxBytes: 1024)!;
        Assert.Equal([0xb9, 0xa3], list.Bytes.ToArray());
        Assert.Equal([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1], Enumerable.Range(0, 16).Select(i => (int)list[i]));

        var ours = new TokenStatusList(16, 1);
        foreach (int i in new[] { 0, 3, 4, 5, 7, 8, 9, 13, 15 })
        {
            ours[i] = 1;
        }

        Assert.Equal([0xb9, 0xa3], ours.Bytes.ToArray());
        Assert.Equal([0xb9, 0xa3], TokenStatusList.TryFromLst(ours.ToLst(), 1, 1024)!.Bytes.ToArray());
    }

    [Fact]
    public void Two_bit_example_decodes_to_the_stated_bytes()
    {
        var list = TokenStatusList.TryFromLst("eNo76fITAAPfAgc", bits: 2, maxBytes: 1024)!;
        Assert.Equal([0xc9, 0x44, 0xf9], list.Bytes.ToArray());
        Assert.Equal([1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3], Enumerable.Range(0, 12).Select(i => (int)list[i]));
    }

    [Fact]
    public void One_bit_test_vector_of_2_pow_20_entries()
    {
        const string lst = "eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogEAAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAAA7KpLAAAAAAAAAAAAAAAAAAAAAJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAAACAZC8L2AEb";
        AssertVector(lst, 1, new() { [0] = 1, [1993] = 1, [25460] = 1, [159495] = 1, [495669] = 1, [554353] = 1, [645645] = 1, [723232] = 1, [854545] = 1, [934534] = 1, [1000345] = 1 });
    }

    [Fact]
    public void Two_bit_test_vector_of_2_pow_20_entries()
    {
        const string lst = "eNrt2zENACEQAEEuoaBABP5VIO01fCjIHTMStt9ovGVIAAAAAABAbiEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEB5WwIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAID0ugQAAAAAAAAAAAAAAAAAQG12SgAAAAAAAAAAAAAAAAAAAAAAAAAAAOCSIQEAAAAAAAAAAAAAAAAAAAAAAAD8ExIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwJEuAQAAAAAAAAAAAAAAAAAAAAAAAMB9SwIAAAAAAAAAAAAAAAAAAACoYUoAAAAAAAAAAAAAAEBqH81gAQw";
        AssertVector(lst, 2, new() { [0] = 1, [1993] = 2, [25460] = 1, [159495] = 3, [495669] = 1, [554353] = 1, [645645] = 2, [723232] = 1, [854545] = 1, [934534] = 2, [1000345] = 3 });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Our_lists_round_trip(int bits)
    {
        var list = new TokenStatusList(10_000, bits);
        var random = new Random(bits);
        var expected = new Dictionary<int, byte>();
        for (int i = 0; i < 500; i++)
        {
            int index = random.Next(list.Count);
            byte value = (byte)random.Next(1 << bits);
            list[index] = value;
            expected[index] = value;
        }

        var back = TokenStatusList.TryFromLst(list.ToLst(), bits, 1 << 20)!;
        Assert.Equal(list.Bytes.ToArray(), back.Bytes.ToArray());
        foreach (var (index, value) in expected)
        {
            Assert.Equal(value, back[index]);
        }
    }

    [Fact]
    public void A_compressed_bomb_is_refused()
    {
        var big = new TokenStatusList(64 * 1024 * 1024, 1); // 8 MiB of zeros compresses to a few KB
        Assert.Null(TokenStatusList.TryDecompress(big.Compress(), 1, maxBytes: 1024 * 1024));
    }

    [Fact]
    public void Status_list_token_round_trips_and_is_checked()
    {
        using var t = new TestCredentials();
        var token = t.StatusListToken(l => l[3] = 1);
        var verified = new StatusListTokenVerifier(t.Jwks, t.Time).Verify(token);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(TestCredentials.StatusUri, verified.Value.Subject);
        Assert.Equal(TimeSpan.FromMinutes(5), verified.Value.TimeToLive);
        Assert.Equal(1, verified.Value.List[3]);
        Assert.Equal("status_invalid", StatusCheck.Evaluate(new StatusReference(3, TestCredentials.StatusUri), verified.Value)?.Code);
        Assert.Null(StatusCheck.Evaluate(new StatusReference(4, TestCredentials.StatusUri), verified.Value));
        Assert.Equal("status_index_out_of_range", StatusCheck.Evaluate(new StatusReference(5000, TestCredentials.StatusUri), verified.Value)?.Code);
        Assert.Equal("invalid_signature", new StatusListTokenVerifier(t.Jwks, t.Time).Verify(token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..]).Error?.Code);
    }

    [Fact]
    public void Allocation_is_unique_random_and_never_reused_across_persistence()
    {
        var bitmap = new StatusIndexBitmap(1000);
        var seen = new HashSet<int>();
        for (int i = 0; i < 600; i++)
        {
            Assert.True(bitmap.Allocate(out var index));
            Assert.True(seen.Add(index));
        }

        // Persist and reload, as the host does between requests.
        var reloaded = StatusIndexBitmap.FromBytes(bitmap.ToBytes(), 1000);
        Assert.Equal(600, reloaded.UsedCount);
        while (reloaded.Allocate(out var index))
        {
            Assert.True(seen.Add(index));
        }

        Assert.Equal(1000, seen.Count);
        Assert.Equal(0, reloaded.FreeCount);

        // Not sequential: the first ten of a fresh list are not 0..9.
        var fresh = new StatusIndexBitmap(1_000_000);
        var first = Enumerable.Range(0, 10).Select(_ => fresh.Allocate(out var i) ? i : -1).ToArray();
        Assert.NotEqual(Enumerable.Range(0, 10), first);
    }

    private static void AssertVector(string lst, int bits, Dictionary<int, int> set)
    {
        var list = TokenStatusList.TryFromLst(lst, bits, 1 << 22)!;
        Assert.True(list.Count >= 1 << 20);
        for (int i = 0; i < 1 << 20; i++)
        {
            Assert.Equal(set.GetValueOrDefault(i), list[i]);
        }
    }
}
