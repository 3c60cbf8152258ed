using System.Buffers.Text;
using System.Security.Cryptography;
using Legitka.Codes;
using Legitka.Issuance;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Legitka.Tests.Issuance;

/// <summary>Self-contained access tokens: trusted only when this issuer made them, unexpired, and presented with their DPoP key.</summary>
public sealed class AccessTokenTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly string _thumbprint = Base64Url.EncodeToString(SHA256.HashData("a device key"u8));

    private AccessTokens Tokens(string? key = null) => new(new CodeHasher(Options.Create(new LegitkaOptions { CodeHashKey = key ?? Key })), _clock);

    [Fact]
    public void A_token_says_which_offer_pupil_and_school_it_redeemed()
    {
        var (offer, pupil, school) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var issuedAt = _clock.GetUtcNow().UtcDateTime;
        var token = Tokens().Issue(offer, pupil, school, issuedAt, _thumbprint);

        var (claims, error) = Tokens().Read(token, _thumbprint);
        Assert.Null(error);
        Assert.Equal(new AccessTokenClaims(offer, pupil, school, issuedAt), claims);
    }

    [Fact]
    public void A_token_is_refused_when_altered_made_under_another_key_expired_or_without_its_dpop_key()
    {
        var issuedAt = _clock.GetUtcNow().UtcDateTime;
        var bound = Tokens().Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), issuedAt, _thumbprint);
        var raw = Base64Url.DecodeFromChars(bound);
        raw[5] ^= 1;

        Assert.Equal("invalid_token", Tokens().Read(Base64Url.EncodeToString(raw), _thumbprint).Error?.Error);
        Assert.Equal("invalid_token", Tokens(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Read(bound, _thumbprint).Error?.Error);
        Assert.Equal("invalid_token", Tokens().Read(bound, null).Error?.Error);
        Assert.Equal("invalid_token", Tokens().Read(bound, Base64Url.EncodeToString(SHA256.HashData("another key"u8))).Error?.Error);
        Assert.Equal("invalid_token", Tokens().Read("", null).Error?.Error);
        Assert.Equal("invalid_token", Tokens().Read(new string('A', 5000), null).Error?.Error);

        // A bearer token (no DPoP at redemption) needs no key; every token lapses after its lifetime.
        var bearer = Tokens().Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), issuedAt, null);
        Assert.NotNull(Tokens().Read(bearer, null).Claims);
        _clock.Advance(CodeRules.AccessTokenLifetime);
        Assert.Equal("invalid_token", Tokens().Read(bearer, null).Error?.Error);
        Assert.Equal("invalid_token", Tokens().Read(bound, _thumbprint).Error?.Error);
    }
}
