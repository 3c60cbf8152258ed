using Legitka.Credentials.Benchmarking;
using Xunit;
using Legitka.Credentials.SdJwt;
namespace Legitka.Credentials.Tests;
public sealed class Smoke
{
    [Fact]
    public void Debug()
    {
        var claims = CredentialBenchmarkScenario.SampleClaims();
        using var key = Jose.EcdsaJwsSigner.Generate();
        var issuer = new SdJwtVc.MobileIdCredentialIssuer(key, "https://x", TimeProvider.System);
        var issued = issuer.Issue(claims, key.PublicJwk, new StatusList.StatusReference(1, "https://x/s")).ToString();
        var v = new SdJwtVerifier(new SdJwtVerifierOptions { IssuerKeys = new Keys.JsonWebKeySet([key.PublicJwk]), RequireKeyBinding = false });
        var r = v.Verify(issued);
        TestContext.Current.TestOutputHelper!.WriteLine(r.IsValid ? System.Text.Encoding.UTF8.GetString(r.Value.ClaimsJson.Span)[..300] : r.Error.ToString());
        File.WriteAllText("/tmp/issued.txt", issued);
        var parts = issued.Split('~');
        for (int i = 1; i < parts.Length - 1; i++) { var d = ParsedDisclosure.TryParse(System.Text.Encoding.ASCII.GetBytes(parts[i]), i, 16, out var reason); TestContext.Current.TestOutputHelper!.WriteLine($"{i} {d?.Name} {reason}"); }
        Assert.NotNull(HeldSdJwt.TryParse(issued));
    }
}
