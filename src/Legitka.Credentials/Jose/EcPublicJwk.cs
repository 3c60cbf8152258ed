using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Legitka.Credentials.Jose;

/// <summary>A P-256 public key as a JWK (RFC 7517/7518): the issuer's keys in the JWKS and the holder's key in <c>cnf.jwk</c>.</summary>
public sealed class EcPublicJwk
{
    private const int CoordinateSize = 32;
    private readonly byte[] _x;
    private readonly byte[] _y;

    private EcPublicJwk(byte[] x, byte[] y, string? keyId)
    {
        _x = x;
        _y = y;
        KeyId = keyId;
    }

    public string? KeyId { get; }

    public ReadOnlySpan<byte> X => _x;

    public ReadOnlySpan<byte> Y => _y;

    public static EcPublicJwk FromECDsa(ECDsa key, string? keyId)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value || parameters.Q.X is not { Length: CoordinateSize } || parameters.Q.Y is null)
        {
            throw new ArgumentException("Only P-256 keys are supported.", nameof(key));
        }

        return new EcPublicJwk(parameters.Q.X, parameters.Q.Y, keyId);
    }

    /// <summary>
    /// Reads an EC P-256 public JWK. Refuses other key types and curves, wrong coordinate lengths and
    /// any private part (<c>d</c>): a public key slot must never carry a private key.
    /// </summary>
    public static bool TryParse(JsonElement element, out EcPublicJwk? jwk, out string reason)
    {
        jwk = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            reason = "the JWK is not a JSON object";
            return false;
        }

        if (!HasString(element, "kty", "EC") || !HasString(element, "crv", "P-256"))
        {
            reason = "only EC keys on P-256 are accepted";
            return false;
        }

        if (element.TryGetProperty("d", out _))
        {
            reason = "the JWK contains a private key";
            return false;
        }

        if (!TryCoordinate(element, "x", out var x) || !TryCoordinate(element, "y", out var y))
        {
            reason = "x and y must be 32-byte base64url values";
            return false;
        }

        string? keyId = element.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String ? kid.GetString() : null;
        jwk = new EcPublicJwk(x, y, keyId);
        reason = string.Empty;
        return true;
    }

    public EcPublicJwk WithKeyId(string keyId) => new(_x, _y, keyId);

    public ECParameters ToParameters() => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = (byte[])_x.Clone(), Y = (byte[])_y.Clone() },
    };

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url): a stable, content-derived <c>kid</c>.</summary>
    public string Thumbprint()
    {
        // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(_x)}}","y":"{{Base64Url.EncodeToString(_y)}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(canonical)));
    }

    /// <summary>Writes the key as a JWK object; issuer keys also carry <c>use</c> and <c>alg</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer, bool includeUsage)
    {
        writer.WriteStartObject();
        writer.WriteString("kty"u8, "EC"u8);
        writer.WriteString("crv"u8, "P-256"u8);
        WriteCoordinate(writer, "x"u8, _x);
        WriteCoordinate(writer, "y"u8, _y);
        if (KeyId is not null)
        {
            writer.WriteString("kid"u8, KeyId);
        }

        if (includeUsage)
        {
            writer.WriteString("use"u8, "sig"u8);
            writer.WriteString("alg"u8, Es256.Algorithm);
        }

        writer.WriteEndObject();
    }

    private static void WriteCoordinate(Utf8JsonWriter writer, ReadOnlySpan<byte> name, byte[] value)
    {
        Span<byte> encoded = stackalloc byte[43];
        Base64Url.EncodeToUtf8(value, encoded);
        writer.WriteString(name, encoded);
    }

    private static bool HasString(JsonElement element, string name, string expected) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);

    private static bool TryCoordinate(JsonElement element, string name, out byte[] value)
    {
        value = [];
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var decoded = Base64UrlStrict.Decode(JsonRaw.StringContent(property));
        if (decoded is not { Length: CoordinateSize })
        {
            return false;
        }

        value = decoded;
        return true;
    }
}
