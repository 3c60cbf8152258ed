using System.Text.Json;
using System.Text;
using Legitka.Credentials.Jose;

namespace Legitka.Credentials.SdJwt;

/// <summary>
/// An SD-JWT as the holder keeps it: the issuer-signed JWT and every Disclosure, each placed at its
/// claim path, so the holder can present a chosen subset (RFC 9901 §7.2). Choosing a claim brings the
/// Disclosures of its parents (a nested claim cannot be shown without them) and of its children.
/// Parsing does not check the issuer signature; a wallet verifies the credential on receipt with <see cref="SdJwtVerifier"/>.
/// </summary>
public sealed class HeldSdJwt
{
    private readonly string _issuerJwt;
    private readonly List<HeldDisclosure> _disclosures;

    private HeldSdJwt(string issuerJwt, List<HeldDisclosure> disclosures)
    {
        _issuerJwt = issuerJwt;
        _disclosures = disclosures;
    }

    public IReadOnlyList<HeldDisclosure> Disclosures => _disclosures;

    /// <summary>Parses an issued SD-JWT (<c>jwt~d~…~</c>, no Key Binding JWT).</summary>
    public static HeldSdJwt? TryParse(string issued)
    {
        var parts = issued.Split('~');
        if (parts.Length < 2 || parts[^1].Length != 0 || !CompactJws.TrySplit(Encoding.ASCII.GetBytes(parts[0]), out var jws))
        {
            return null;
        }

        var jwt = Encoding.ASCII.GetBytes(parts[0]);
        using var payload = SdJwtVerifier.ParseObject(jws.DecodePayload(jwt));
        if (payload is null)
        {
            return null;
        }

        var byDigest = new Dictionary<Digest, (string Encoded, ParsedDisclosure Parsed)>();
        for (int i = 1; i < parts.Length - 1; i++)
        {
            var parsed = ParsedDisclosure.TryParse(Encoding.ASCII.GetBytes(parts[i]), i, 16, out _);
            if (parsed is null || !byDigest.TryAdd(parsed.Digest, (parts[i], parsed)))
            {
                return null;
            }
        }

        var placed = new List<HeldDisclosure>();
        Place(payload.RootElement, [], null, byDigest, placed);
        return placed.Count == byDigest.Count ? new HeldSdJwt(parts[0], placed) : null;
    }

    /// <summary>The SD-JWT with the Disclosures for <paramref name="claimPaths"/> (each a path like <c>["address", "locality"]</c>).</summary>
    public string Present(IEnumerable<IReadOnlyList<string>> claimPaths)
    {
        var chosen = new HashSet<HeldDisclosure>();
        var paths = claimPaths.ToList();
        foreach (var disclosure in _disclosures)
        {
            if (paths.Exists(path => StartsWith(disclosure.Path, path)))
            {
                for (var current = disclosure; current is not null; current = current.Parent)
                {
                    chosen.Add(current);
                }
            }
        }

        var result = new StringBuilder(_issuerJwt).Append('~');
        foreach (var disclosure in _disclosures)
        {
            if (chosen.Contains(disclosure))
            {
                result.Append(disclosure.Encoded).Append('~');
            }
        }

        return result.ToString();
    }

    /// <summary>Presents <paramref name="claimPaths"/> and binds the presentation to the verifier's nonce and audience.</summary>
    public string PresentWithKeyBinding(IEnumerable<IReadOnlyList<string>> claimPaths, IJwsSigner holderKey, string audience, string nonce, DateTimeOffset issuedAt) =>
        KeyBindingJwtWriter.Append(Present(claimPaths), holderKey, audience, nonce, issuedAt);

    private static bool StartsWith(IReadOnlyList<string> path, IReadOnlyList<string> prefix)
    {
        if (prefix.Count > path.Count)
        {
            return false;
        }

        for (int i = 0; i < prefix.Count; i++)
        {
            if (path[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void Place(JsonElement value, IReadOnlyList<string> path, HeldDisclosure? parent,
        Dictionary<Digest, (string Encoded, ParsedDisclosure Parsed)> byDigest, List<HeldDisclosure> placed)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.NameEquals("_sd"u8) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var entry in property.Value.EnumerateArray())
                    {
                        PlaceDigest(entry, name: null, path, parent, byDigest, placed);
                    }
                }
                else
                {
                    Place(property.Value, [.. path, property.Name], parent, byDigest, placed);
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var element in value.EnumerateArray())
            {
                string position = (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("..."u8, out var digest))
                {
                    PlaceDigest(digest, position, path, parent, byDigest, placed);
                }
                else
                {
                    Place(element, [.. path, position], parent, byDigest, placed);
                }
            }
        }
    }

    private static void PlaceDigest(JsonElement entry, string? name, IReadOnlyList<string> path, HeldDisclosure? parent,
        Dictionary<Digest, (string Encoded, ParsedDisclosure Parsed)> byDigest, List<HeldDisclosure> placed)
    {
        if (entry.ValueKind != JsonValueKind.String || !Digest.TryParse(JsonRaw.StringContent(entry), out var digest)
            || !byDigest.TryGetValue(digest, out var found))
        {
            return; // a decoy, or a digest whose Disclosure the holder was not given
        }

        var childPath = new List<string>(path) { found.Parsed.Name ?? name ?? string.Empty };
        var held = new HeldDisclosure(found.Encoded, found.Parsed.Name, childPath, parent);
        placed.Add(held);
        Place(found.Parsed.Value, childPath, held, byDigest, placed);
    }
}

/// <summary>One Disclosure the holder keeps: its encoded form, claim name and path, and the Disclosure it is nested in.</summary>
public sealed record HeldDisclosure(string Encoded, string? Name, IReadOnlyList<string> Path, HeldDisclosure? Parent);
