using Legitka.Credentials.Benchmarking;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.StatusList;
using Microsoft.Extensions.Time.Testing;

namespace Legitka.Credentials.Tests;

/// <summary>An issuer, a holder and a clock for one test: issues mLegitymacja credentials and presents them.</summary>
internal sealed class TestCredentials : IDisposable
{
    public const string Issuer = "https://szkola.example.pl";
    public const string Audience = "https://inspector.example.pl";
    public const string Nonce = "nonce-4711";
    public const string StatusUri = "https://szkola.example.pl/status/1";

    public TestCredentials()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero));
        Credentials = new MobileIdCredentialIssuer(IssuerKey, Issuer, Time);
    }

    public FakeTimeProvider Time { get; }

    public EcdsaJwsSigner IssuerKey { get; } = EcdsaJwsSigner.Generate();

    public EcdsaJwsSigner HolderKey { get; } = EcdsaJwsSigner.Generate();

    public MobileIdCredentialIssuer Credentials { get; }

    public MobileIdClaims Claims { get; } = CredentialBenchmarkScenario.SampleClaims() with { ExpiryDate = new DateOnly(2026, 9, 30) };

    public JsonWebKeySet Jwks => new([IssuerKey.PublicJwk]);

    public string Issue(int statusIndex = 7) => Credentials.Issue(Claims, HolderKey.PublicJwk, new StatusReference(statusIndex, StatusUri)).ToString();

    public string Present(string issued, params string[][] paths) =>
        HeldSdJwt.TryParse(issued)!.PresentWithKeyBinding(paths, HolderKey, Audience, Nonce, Time.GetUtcNow());

    public string PresentInspectorClaims() => Present(Issue(), [.. CredentialBenchmarkScenario.InspectorClaims.Select(p => p.ToArray())]);

    public SdJwtVerifierOptions Options() => new()
    {
        IssuerKeys = Jwks,
        ExpectedNonce = Nonce,
        ExpectedAudience = Audience,
        TimeProvider = Time,
    };

    public SdJwtVcVerifier Verifier() => new(Options(), MobileIdCredentialType.Vct);

    public string StatusListToken(Action<TokenStatusList>? change = null)
    {
        var list = new TokenStatusList(1024, 2);
        change?.Invoke(list);
        return new StatusListTokenWriter(IssuerKey).Write(list, StatusUri, Time.GetUtcNow(), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
    }

    public void Dispose()
    {
        IssuerKey.Dispose();
        HolderKey.Dispose();
    }
}
