using CsCheck;
using Legitka.Credentials.SdJwt;
using Xunit;

namespace Legitka.Credentials.Tests;

/// <summary>Properties over random choices: any subset of claims verifies; any single changed byte is refused.</summary>
public sealed class PropertyTests : IDisposable
{
    private static readonly string[] Claims =
        ["given_name", "family_name", "birthdate", "age_in_years", "age_over_18", "pesel", "address", "address/locality", "address/postal_code",
         "document_number", "issue_date", "expiry_date", "student_status", "school", "portrait"];

    private readonly TestCredentials _t = new();
    private readonly string _issued;

    public PropertyTests()
    {
        _issued = _t.Issue();
    }

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Any_subset_of_disclosures_verifies_and_shows_exactly_those_claims()
    {
        Gen.Bool.Array[Claims.Length].Sample(mask =>
        {
            var chosen = Claims.Where((_, i) => mask[i]).Select(c => c.Split('/')).ToArray();
            var result = new SdJwtVerifier(_t.Options()).Verify(_t.Present(_issued, chosen));
            Assert.True(result.IsValid, result.Error?.ToString());
            foreach (var path in chosen)
            {
                Assert.True(result.Value.Claims.TryGetProperty(path[0], out var value));
                if (path.Length == 2)
                {
                    Assert.True(value.TryGetProperty(path[1], out _));
                }
            }

            foreach (var hidden in Claims.Where((c, i) => !mask[i] && !c.Contains('/') && !chosen.Any(p => p[0] == c)))
            {
                Assert.False(result.Value.Claims.TryGetProperty(hidden, out _), hidden);
            }
        }, iter: 60);
    }

    [Fact]
    public void Any_single_byte_change_is_refused()
    {
        var presentation = _t.Present(_issued, ["given_name"], ["address", "locality"], ["expiry_date"]);
        var verifier = new SdJwtVerifier(_t.Options());
        Assert.True(verifier.Verify(presentation).IsValid);

        var gen = Gen.Select(Gen.Int[0, presentation.Length - 1], Gen.Char['!', '~']);
        gen.Sample((position, replacement) =>
        {
            if (presentation[position] == replacement)
            {
                return;
            }

            var changed = string.Concat(presentation.AsSpan(0, position), replacement.ToString(), presentation.AsSpan(position + 1));
            var result = verifier.Verify(changed);
            Assert.False(result.IsValid, $"changing position {position} to '{replacement}' was accepted");
        }, iter: 400);
    }
}
