using System.Text.Json;

namespace Legitka.Wallet.Protocol;

/// <summary>What the wallet takes from Credential Issuer Metadata (OpenID4VCI §12.2.4), and the configuration it will request.</summary>
internal sealed record IssuerMetadata(
    string CredentialIssuer,
    Uri CredentialEndpoint,
    Uri? NonceEndpoint,
    Uri? NotificationEndpoint,
    IReadOnlyList<string>? AuthorizationServers,
    string ConfigurationId,
    string Vct)
{
    public const string SdJwtVcFormat = "dc+sd-jwt";

    /// <summary>
    /// Reads the metadata and picks the first offered configuration the wallet can hold: format <c>dc+sd-jwt</c>,
    /// the expected <c>vct</c> (if any), and — when proof types are listed — the <c>jwt</c> proof with ES256.
    /// </summary>
    public static IssuerMetadata? TryParse(JsonElement root, CredentialOffer offer, string? expectedVct, out string error, out string reason)
    {
        error = ActivationErrors.InvalidResponse;
        if (!root.TryGetProperty("credential_issuer"u8, out var issuer) || issuer.ValueKind != JsonValueKind.String)
        {
            reason = "the Credential Issuer Metadata has no credential_issuer";
            return null;
        }

        // §12.2.4: identical to the identifier the well-known URL was built from, by simple string comparison.
        if (!issuer.ValueEquals(offer.CredentialIssuer))
        {
            error = ActivationErrors.MetadataMismatch;
            reason = $"the metadata is for '{issuer.GetString()}', not for the offered issuer '{offer.CredentialIssuer}'";
            return null;
        }

        if (!TryEndpoint(root, "credential_endpoint", required: true, out var credentialEndpoint, out error, out reason)
            || !TryEndpoint(root, "nonce_endpoint", required: false, out var nonceEndpoint, out error, out reason)
            || !TryEndpoint(root, "notification_endpoint", required: false, out var notificationEndpoint, out error, out reason))
        {
            return null;
        }

        List<string>? servers = null;
        if (root.TryGetProperty("authorization_servers"u8, out var serverList))
        {
            if (serverList.ValueKind != JsonValueKind.Array || serverList.GetArrayLength() == 0 || serverList.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
            {
                reason = "authorization_servers must be a non-empty array of strings";
                return null;
            }

            servers = [.. serverList.EnumerateArray().Select(s => s.GetString()!)];
        }

        if (!root.TryGetProperty("credential_configurations_supported"u8, out var configurations) || configurations.ValueKind != JsonValueKind.Object)
        {
            reason = "the Credential Issuer Metadata has no credential_configurations_supported";
            return null;
        }

        var refusals = new List<string>();
        foreach (var id in offer.CredentialConfigurationIds)
        {
            if (!configurations.TryGetProperty(id, out var configuration) || configuration.ValueKind != JsonValueKind.Object)
            {
                refusals.Add($"'{id}' is offered but not described in the metadata");
                continue;
            }

            if (!configuration.TryGetProperty("format"u8, out var format) || !format.ValueEquals(SdJwtVcFormat))
            {
                refusals.Add($"'{id}' is not an SD-JWT VC (format dc+sd-jwt)");
                continue;
            }

            if (!configuration.TryGetProperty("vct"u8, out var vct) || vct.ValueKind != JsonValueKind.String)
            {
                refusals.Add($"'{id}' has no vct");
                continue;
            }

            if (expectedVct is not null && !vct.ValueEquals(expectedVct))
            {
                refusals.Add($"'{id}' has type '{vct.GetString()}', not '{expectedVct}'");
                continue;
            }

            if (configuration.TryGetProperty("proof_types_supported"u8, out var proofTypes) && !SupportsEs256JwtProof(proofTypes))
            {
                refusals.Add($"'{id}' does not accept a jwt proof signed with ES256");
                continue;
            }

            reason = string.Empty;
            error = string.Empty;
            return new IssuerMetadata(offer.CredentialIssuer, credentialEndpoint!, nonceEndpoint, notificationEndpoint, servers, id, vct.GetString()!);
        }

        error = ActivationErrors.Unsupported;
        reason = "nothing offered can be held by this wallet: " + string.Join("; ", refusals);
        return null;
    }

    private static bool SupportsEs256JwtProof(JsonElement proofTypes) =>
        proofTypes.ValueKind == JsonValueKind.Object
        && proofTypes.TryGetProperty("jwt"u8, out var jwt) && jwt.ValueKind == JsonValueKind.Object
        && jwt.TryGetProperty("proof_signing_alg_values_supported"u8, out var algs) && algs.ValueKind == JsonValueKind.Array
        && algs.EnumerateArray().Any(alg => alg.ValueKind == JsonValueKind.String && alg.ValueEquals("ES256"u8));

    internal static bool TryEndpoint(JsonElement root, string name, bool required, out Uri? endpoint, out string error, out string reason)
    {
        endpoint = null;
        error = ActivationErrors.InvalidResponse;
        if (!root.TryGetProperty(name, out var value))
        {
            reason = required ? $"the metadata has no {name}" : string.Empty;
            return !required;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            reason = $"{name} must be a string";
            return false;
        }

        if (!UrlPolicy.TryEndpoint(value.GetString(), out endpoint, out reason))
        {
            error = ActivationErrors.InsecureUrl;
            reason = name + ": " + reason;
            return false;
        }

        return true;
    }
}

/// <summary>What the wallet takes from OAuth Authorization Server Metadata (RFC 8414).</summary>
internal sealed record AuthorizationServerMetadata(string Issuer, Uri TokenEndpoint, bool SupportsDpopEs256)
{
    public static AuthorizationServerMetadata? TryParse(JsonElement root, string expectedIssuer, out string error, out string reason)
    {
        error = ActivationErrors.InvalidResponse;
        if (!root.TryGetProperty("issuer"u8, out var issuer) || issuer.ValueKind != JsonValueKind.String)
        {
            reason = "the Authorization Server Metadata has no issuer";
            return null;
        }

        // RFC 8414 §3.3: the issuer must be identical to the identifier the metadata was fetched for.
        if (!issuer.ValueEquals(expectedIssuer))
        {
            error = ActivationErrors.MetadataMismatch;
            reason = $"the Authorization Server Metadata is for '{issuer.GetString()}', not '{expectedIssuer}'";
            return null;
        }

        if (!IssuerMetadata.TryEndpoint(root, "token_endpoint", required: true, out var tokenEndpoint, out error, out reason))
        {
            return null;
        }

        if (root.TryGetProperty("grant_types_supported"u8, out var grants) && grants.ValueKind == JsonValueKind.Array
            && !grants.EnumerateArray().Any(g => g.ValueKind == JsonValueKind.String && g.ValueEquals(CredentialOffer.PreAuthorizedGrantType)))
        {
            error = ActivationErrors.Unsupported;
            reason = "the Authorization Server does not list the pre-authorized code grant in grant_types_supported";
            return null;
        }

        bool dpop = root.TryGetProperty("dpop_signing_alg_values_supported"u8, out var algs) && algs.ValueKind == JsonValueKind.Array
            && algs.EnumerateArray().Any(alg => alg.ValueKind == JsonValueKind.String && alg.ValueEquals("ES256"u8));
        reason = string.Empty;
        error = string.Empty;
        return new AuthorizationServerMetadata(issuer.GetString()!, tokenEndpoint!, dpop);
    }
}
