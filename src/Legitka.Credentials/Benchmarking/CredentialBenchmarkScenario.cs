using System.Security.Cryptography;
using Legitka.Credentials.Jose;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.StatusList;

namespace Legitka.Credentials.Benchmarking;

/// <summary>
/// The workloads measured by <c>legitka bench credentials</c> and the BenchmarkDotNet project, defined
/// once so both measure the same thing: issuing a full mLegitymacja with a 15 KB portrait, verifying a
/// key-bound presentation of the inspector's claims, and building a signed 1,000,000-entry status list.
/// </summary>
public sealed class CredentialBenchmarkScenario : IDisposable
{
    public const int PortraitBytes = 15 * 1024;
    public const int StatusListEntries = 1_000_000;
    public const string Audience = "https://inspector.example.pl";
    public const string Nonce = "n-0S6_WzA2Mj";
    public const string StatusListUri = "https://szkola.example.pl/status/1";

    /// <summary>The claims an inspector asks for (SPEC §1.7).</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> InspectorClaims =
        [["given_name"], ["family_name"], ["portrait"], ["expiry_date"], ["school"]];

    private readonly EcdsaJwsSigner _issuerKey = EcdsaJwsSigner.Generate();
    private readonly EcdsaJwsSigner _holderKey = EcdsaJwsSigner.Generate();
    private readonly MobileIdCredentialIssuer _issuer;
    private readonly SdJwtVcVerifier _verifier;
    private readonly StatusListTokenWriter _statusWriter;
    private readonly int[] _revoked;

    public CredentialBenchmarkScenario()
    {
        var time = TimeProvider.System;
        _issuer = new MobileIdCredentialIssuer(_issuerKey, "https://szkola.example.pl", time);
        _statusWriter = new StatusListTokenWriter(_issuerKey);
        Claims = SampleClaims();
        Issued = Issue().ToString();
        Presentation = HeldSdJwt.TryParse(Issued)!.PresentWithKeyBinding(InspectorClaims, _holderKey, Audience, Nonce, time.GetUtcNow());
        _verifier = new SdJwtVcVerifier(
            new SdJwtVerifierOptions
            {
                IssuerKeys = new Keys.JsonWebKeySet([_issuerKey.PublicJwk]),
                ExpectedNonce = Nonce,
                ExpectedAudience = Audience,
                TimeProvider = time,
            },
            MobileIdCredentialType.Vct);

        // One in a hundred credentials revoked or suspended, at fixed random places.
        _revoked = new int[StatusListEntries / 100];
        for (int i = 0; i < _revoked.Length; i++)
        {
            _revoked[i] = RandomNumberGenerator.GetInt32(StatusListEntries);
        }
    }

    public MobileIdClaims Claims { get; }

    public string Issued { get; }

    public string Presentation { get; }

    public IssuedSdJwt Issue() => _issuer.Issue(Claims, _holderKey.PublicJwk, new StatusReference(4711, StatusListUri));

    /// <summary>Verifies the key-bound presentation; the status list is measured separately, so status is left unchecked here.</summary>
    public VerifiedCredential VerifyPresentation()
    {
        var result = _verifier.Verify(Presentation, statusListToken: null, allowUncheckedStatus: true);
        return result.IsValid ? result.Value : throw new InvalidOperationException($"The benchmark presentation failed: {result.Error.Code} {result.Error.Message}");
    }

    public string BuildStatusList()
    {
        var list = new TokenStatusList(StatusListEntries, bits: 2);
        for (int i = 0; i < _revoked.Length; i++)
        {
            list[_revoked[i]] = (byte)((i & 1) == 0 ? StatusType.Invalid : StatusType.Suspended);
        }

        return _statusWriter.Write(list, StatusListUri, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    /// <summary>A pupil with every claim; the portrait is random bytes framed as JPEG (incompressible, like a real photo).</summary>
    public static MobileIdClaims SampleClaims()
    {
        // Valid through the next 30 September, as cards are (SPEC §1.8), so the sample never expires.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expiry = new DateOnly(today.Month >= 10 ? today.Year + 1 : today.Year, 9, 30);
        var portrait = RandomNumberGenerator.GetBytes(PortraitBytes);
        portrait[0] = 0xFF;
        portrait[1] = 0xD8;
        portrait[^2] = 0xFF;
        portrait[^1] = 0xD9;
        return new MobileIdClaims(
            GivenName: "Zofia Maria",
            FamilyName: "Wiśniewska-Żółkiewska",
            BirthDate: new DateOnly(2010, 3, 14),
            Pesel: "10231401238",
            Address: new PostalAddress("ul. Świętokrzyska 12/4", "Łódź", "90-001"),
            DocumentNumber: "123/2024",
            IssueDate: new DateOnly(2024, 9, 2),
            ExpiryDate: expiry,
            School: new SchoolInfo("Szkoła Podstawowa nr 5 im. Marii Skłodowskiej-Curie", new PostalAddress("ul. Szkolna 1", "Łódź", "90-002"), "12345"),
            Portrait: portrait);
    }
}
