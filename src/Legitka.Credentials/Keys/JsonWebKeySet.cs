using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Credentials.Jose;

namespace Legitka.Credentials.Keys;

/// <summary>
/// A JWK Set of issuer public keys (RFC 7517 §5), as published in <c>/.well-known/jwt-vc-issuer</c>
/// and read by offline verifiers. Keys are looked up by <c>kid</c>; a token without <c>kid</c> is
/// accepted only if the set has exactly one key.
/// </summary>
public sealed class JsonWebKeySet : IIssuerKeyResolver
{
    private readonly IReadOnlyList<EcPublicJwk> _keys;
    private readonly ConcurrentDictionary<EcPublicJwk, ECDsa> _imported = new();

    public JsonWebKeySet(IReadOnlyList<EcPublicJwk> keys)
    {
        _keys = keys;
    }

    public IReadOnlyList<EcPublicJwk> Keys => _keys;

    /// <summary>Reads <c>{"keys":[…]}</c>; keys that are not EC P-256 are skipped (a JWKS may list other kinds), malformed ones refused.</summary>
    public static JsonWebKeySet? TryParse(JsonElement element, out string reason)
    {
        reason = string.Empty;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("keys"u8, out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            reason = "a JWK Set is an object with a 'keys' array";
            return null;
        }

        var result = new List<EcPublicJwk>();
        foreach (var key in keys.EnumerateArray())
        {
            bool isEc = key.ValueKind == JsonValueKind.Object && key.TryGetProperty("kty"u8, out var kty) && kty.ValueKind == JsonValueKind.String && kty.ValueEquals("EC"u8);
            if (!isEc)
            {
                continue;
            }

            if (!EcPublicJwk.TryParse(key, out var jwk, out reason))
            {
                return null;
            }

            result.Add(jwk!);
        }

        return new JsonWebKeySet(result);
    }

    public ECDsa? Resolve(string? keyId, DateTimeOffset now)
    {
        EcPublicJwk? match = null;
        if (keyId is null)
        {
            match = _keys.Count == 1 ? _keys[0] : null;
        }
        else
        {
            foreach (var key in _keys)
            {
                if (key.KeyId == keyId)
                {
                    match = key;
                    break;
                }
            }
        }

        return match is null ? null : _imported.GetOrAdd(match, static key => ECDsa.Create(key.ToParameters()));
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("keys"u8);
        foreach (var key in _keys)
        {
            key.WriteTo(writer, includeUsage: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
