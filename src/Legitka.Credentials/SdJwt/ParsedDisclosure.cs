using System.Text.Json;
using Legitka.Credentials.Jose;

namespace Legitka.Credentials.SdJwt;

/// <summary>A received Disclosure: its digest, claim name (null for an array element) and value (RFC 9901 §4.2.1–4.2.2).</summary>
internal sealed class ParsedDisclosure
{
    private ParsedDisclosure(Digest digest, int position, string? name, JsonElement value)
    {
        Digest = digest;
        Position = position;
        Name = name;
        Value = value;
    }

    public Digest Digest { get; }

    /// <summary>Its place among the Disclosures, counted from 1, for messages.</summary>
    public int Position { get; }

    public string? Name { get; }

    public JsonElement Value { get; }

    public bool Used { get; set; }

    /// <summary>Decodes and shape-checks one Disclosure; the digest is taken over the encoded form (§4.2.3).</summary>
    public static ParsedDisclosure? TryParse(ReadOnlySpan<byte> encoded, int position, int maxDepth, out string reason)
    {
        var json = Base64UrlStrict.Decode(encoded);
        if (json is null || !System.Text.Unicode.Utf8.IsValid(json))
        {
            reason = "is not base64url-encoded UTF-8";
            return null;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth }).RootElement;
        }
        catch (JsonException)
        {
            reason = "is not valid JSON";
            return null;
        }

        int length = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0;
        if (length is not (2 or 3) || root[0].ValueKind != JsonValueKind.String || (length == 3 && root[1].ValueKind != JsonValueKind.String))
        {
            reason = "is not a JSON array of [salt, value] or [salt, name, value]";
            return null;
        }

        reason = string.Empty;
        return new ParsedDisclosure(Digest.Of(encoded), position, length == 3 ? root[1].GetString() : null, root[length - 1]);
    }
}
