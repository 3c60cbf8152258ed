using System.Text.Json;

namespace Legitka.Wallet.Protocol;

/// <summary>A Credential Offer (OpenID4VCI §4.1.1) for the Pre-Authorized Code Flow, the only flow the wallet runs.</summary>
/// <param name="CredentialIssuer">The Credential Issuer Identifier, exactly as sent (compared by simple string comparison).</param>
/// <param name="TxCode">Non-null when the Authorization Server expects a Transaction Code.</param>
/// <param name="AuthorizationServer">The grant's <c>authorization_server</c> hint, if any.</param>
public sealed record CredentialOffer(
    string CredentialIssuer,
    IReadOnlyList<string> CredentialConfigurationIds,
    string PreAuthorizedCode,
    TxCodeRequirement? TxCode,
    string? AuthorizationServer)
{
    public const string PreAuthorizedGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>Reads the offer object; unknown members are ignored, as the spec requires.</summary>
    public static CredentialOffer? TryParse(JsonElement offer, out string reason)
    {
        if (offer.ValueKind != JsonValueKind.Object)
        {
            reason = "the credential offer is not a JSON object";
            return null;
        }

        if (!offer.TryGetProperty("credential_issuer"u8, out var issuer) || issuer.ValueKind != JsonValueKind.String)
        {
            reason = "the credential offer has no credential_issuer";
            return null;
        }

        if (!offer.TryGetProperty("credential_configuration_ids"u8, out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0)
        {
            reason = "the credential offer has no credential_configuration_ids";
            return null;
        }

        var configurationIds = new List<string>(ids.GetArrayLength());
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || configurationIds.Contains(id.GetString()!))
            {
                reason = "credential_configuration_ids must be unique strings";
                return null;
            }

            configurationIds.Add(id.GetString()!);
        }

        if (!offer.TryGetProperty("grants"u8, out var grants) || grants.ValueKind != JsonValueKind.Object
            || !grants.TryGetProperty(PreAuthorizedGrantType, out var grant) || grant.ValueKind != JsonValueKind.Object)
        {
            reason = "the credential offer has no pre-authorized code grant (the authorization code flow is not supported by this wallet)";
            return null;
        }

        if (!grant.TryGetProperty("pre-authorized_code"u8, out var code) || code.ValueKind != JsonValueKind.String || code.GetString()!.Length == 0)
        {
            reason = "the pre-authorized code grant has no pre-authorized_code";
            return null;
        }

        TxCodeRequirement? txCode = null;
        if (grant.TryGetProperty("tx_code"u8, out var tx))
        {
            txCode = TxCodeRequirement.TryParse(tx, out reason);
            if (txCode is null)
            {
                return null;
            }
        }

        string? authorizationServer = grant.TryGetProperty("authorization_server"u8, out var server) && server.ValueKind == JsonValueKind.String ? server.GetString() : null;
        reason = string.Empty;
        return new CredentialOffer(issuer.GetString()!, configurationIds, code.GetString()!, txCode, authorizationServer);
    }
}

/// <summary>The offer's <c>tx_code</c> object: present (even empty) means a Transaction Code must be sent.</summary>
public sealed record TxCodeRequirement(string InputMode, int? Length, string? Description)
{
    public const string Numeric = "numeric";
    public const string Text = "text";

    public static TxCodeRequirement? TryParse(JsonElement element, out string reason)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            reason = "tx_code must be an object";
            return null;
        }

        string inputMode = Numeric;
        if (element.TryGetProperty("input_mode"u8, out var mode))
        {
            if (mode.ValueKind != JsonValueKind.String || !(mode.ValueEquals(Numeric) || mode.ValueEquals(Text)))
            {
                reason = "tx_code.input_mode must be 'numeric' or 'text'";
                return null;
            }

            inputMode = mode.GetString()!;
        }

        int? length = null;
        if (element.TryGetProperty("length"u8, out var lengthElement))
        {
            if (!lengthElement.TryGetInt32(out var value) || value <= 0)
            {
                reason = "tx_code.length must be a positive integer";
                return null;
            }

            length = value;
        }

        string? description = element.TryGetProperty("description"u8, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        reason = string.Empty;
        return new TxCodeRequirement(inputMode, length, description);
    }
}

/// <summary>
/// The wallet invocation URI of a Credential Offer: <c>openid-credential-offer://?credential_offer_uri=…</c> (by
/// reference) or <c>…?credential_offer=…</c> (by value). Other schemes with the same query are accepted too
/// (a link the issuer's page opens), exactly one of the two parameters must be there.
/// </summary>
public sealed record CredentialOfferLink(Uri? OfferUri, string? OfferJson)
{
    public static CredentialOfferLink? TryParse(string link, out string reason)
    {
        link = link.Trim();
        int query = link.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            reason = "the offer link has no query: expected openid-credential-offer://?credential_offer_uri=…";
            return null;
        }

        string? byReference = null, byValue = null;
        int fragment = link.IndexOf('#', query);
        foreach (var pair in link[(query + 1)..(fragment < 0 ? link.Length : fragment)].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (name == "credential_offer_uri")
            {
                if (byReference is not null)
                {
                    reason = "credential_offer_uri is repeated";
                    return null;
                }

                byReference = value;
            }
            else if (name == "credential_offer")
            {
                if (byValue is not null)
                {
                    reason = "credential_offer is repeated";
                    return null;
                }

                byValue = value;
            }
        }

        if ((byReference is null) == (byValue is null))
        {
            reason = "the offer link must carry exactly one of credential_offer_uri and credential_offer";
            return null;
        }

        if (byReference is not null)
        {
            if (!UrlPolicy.TryEndpoint(byReference, out var uri, out reason))
            {
                reason = "credential_offer_uri: " + reason;
                return null;
            }

            return new CredentialOfferLink(uri, null);
        }

        reason = string.Empty;
        return new CredentialOfferLink(null, byValue);
    }

    /// <summary>Whether a decoded QR text looks like a Credential Offer (so other QR codes on a slip are skipped).</summary>
    public static bool LooksLikeOffer(string text) =>
        text.StartsWith("openid-credential-offer:", StringComparison.OrdinalIgnoreCase)
        || text.Contains("credential_offer_uri=", StringComparison.Ordinal)
        || text.Contains("credential_offer=", StringComparison.Ordinal);
}
