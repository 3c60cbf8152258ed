using System.Text.Json.Nodes;
using Legitka.Codes;
using Legitka.Credentials.SdJwtVc;

namespace Legitka.Endpoints.Issuance;

/// <summary>The OpenID4VCI issuer metadata and the OAuth authorization server metadata (this issuer is its own AS).</summary>
internal static class IssuerMetadata
{
    private static readonly (string Claim, string Pl, string En)[] Claims =
    [
        ("given_name", "Imiona", "Given names"),
        ("family_name", "Nazwisko", "Family name"),
        ("birthdate", "Data urodzenia", "Date of birth"),
        ("age_in_years", "Wiek", "Age"),
        ("age_over_18", "Pełnoletni", "Over 18"),
        ("pesel", "PESEL", "PESEL"),
        ("address", "Adres zamieszkania", "Home address"),
        ("document_number", "Numer legitymacji", "Card number"),
        ("issue_date", "Data wydania", "Issue date"),
        ("expiry_date", "Ważna do", "Valid until"),
        ("student_status", "Status", "Status"),
        ("class_name", "Klasa", "Class"),
        ("school", "Szkoła", "School"),
        ("portrait", "Zdjęcie", "Photo"),
    ];

    public static JsonObject CredentialIssuer(string issuer) => new()
    {
        ["credential_issuer"] = issuer,
        ["credential_endpoint"] = issuer + "/credential",
        ["nonce_endpoint"] = issuer + "/nonce",
        ["notification_endpoint"] = issuer + "/notification",
        ["display"] = new JsonArray(
            new JsonObject { ["name"] = "Legitka — mLegitymacja szkolna", ["locale"] = "pl" },
            new JsonObject { ["name"] = "Legitka — school ID", ["locale"] = "en" }),
        ["credential_configurations_supported"] = new JsonObject
        {
            [CodeRules.ConfigurationId] = new JsonObject
            {
                ["format"] = "dc+sd-jwt",
                ["vct"] = MobileIdCredentialType.Vct,
                ["cryptographic_binding_methods_supported"] = new JsonArray("jwk"),
                ["credential_signing_alg_values_supported"] = new JsonArray("ES256"),
                ["proof_types_supported"] = new JsonObject
                {
                    ["jwt"] = new JsonObject { ["proof_signing_alg_values_supported"] = new JsonArray("ES256") },
                },
                ["credential_metadata"] = new JsonObject
                {
                    ["display"] = new JsonArray(
                        new JsonObject
                        {
                            ["name"] = "mLegitymacja szkolna", ["locale"] = "pl", ["description"] = "Legitymacja szkolna ucznia w telefonie",
                            ["background_color"] = "#1d4f91", ["text_color"] = "#ffffff",
                        },
                        new JsonObject
                        {
                            ["name"] = "School ID (mLegitymacja)", ["locale"] = "en", ["description"] = "A pupil's school ID card on the phone",
                            ["background_color"] = "#1d4f91", ["text_color"] = "#ffffff",
                        }),
                    ["claims"] = new JsonArray([.. Claims.Select(c => (JsonNode)new JsonObject
                    {
                        ["path"] = new JsonArray(c.Claim),
                        ["display"] = new JsonArray(
                            new JsonObject { ["name"] = c.Pl, ["locale"] = "pl" },
                            new JsonObject { ["name"] = c.En, ["locale"] = "en" }),
                    })]),
                },
            },
        },
    };

    public static JsonObject AuthorizationServer(string issuer) => new()
    {
        ["issuer"] = issuer,
        ["token_endpoint"] = issuer + "/token",
        ["jwks_uri"] = issuer + "/.well-known/jwks.json",
        ["grant_types_supported"] = new JsonArray("urn:ietf:params:oauth:grant-type:pre-authorized_code"),
        // Required by RFC 8414; empty because there is no authorization endpoint: wallets come with a slip, not a login.
        ["response_types_supported"] = new JsonArray(),
        ["pre-authorized_grant_anonymous_access_supported"] = true,
        ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
        ["dpop_signing_alg_values_supported"] = new JsonArray("ES256"),
    };

    public static JsonObject Offer(string issuer, string preAuthorizedCode) => new()
    {
        ["credential_issuer"] = issuer,
        ["credential_configuration_ids"] = new JsonArray(CodeRules.ConfigurationId),
        ["grants"] = new JsonObject
        {
            ["urn:ietf:params:oauth:grant-type:pre-authorized_code"] = new JsonObject
            {
                ["pre-authorized_code"] = preAuthorizedCode,
                ["tx_code"] = new JsonObject
                {
                    ["input_mode"] = "numeric",
                    ["length"] = 8,
                    ["description"] = "Wpisz 8-cyfrowy kod aktywacyjny z kartki otrzymanej od wychowawcy (Enter the 8-digit activation code from your slip).",
                },
            },
        },
    };
}
