using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Credentials.Jose;

namespace Legitka.Wallet.Keys;

/// <summary>
/// The wallet's P-256 device key: the credential is bound to its public half (<c>cnf.jwk</c>), and it signs
/// the OpenID4VCI key proof and, later, Key Binding JWTs. A phone keeps it in secure hardware; the reference
/// wallet keeps it as a private JWK file (see <see cref="Storage.WalletStore"/>) or only in memory (load tests).
/// Signing is thread-safe.
/// </summary>
public sealed class DeviceKey : IJwsSigner, IDisposable
{
    private const int CoordinateSize = 32;
    private readonly ECDsa _key;

    private DeviceKey(ECDsa key)
    {
        _key = key;
        PublicJwk = EcPublicJwk.FromECDsa(key, keyId: null);
        Thumbprint = PublicJwk.Thumbprint();
    }

    /// <summary>The public key, without <c>kid</c>, as sent in the proof's <c>jwk</c> header.</summary>
    public EcPublicJwk PublicJwk { get; }

    /// <summary>The RFC 7638 thumbprint of <see cref="PublicJwk"/>: how the wallet names the key.</summary>
    public string Thumbprint { get; }

    public string Algorithm => Es256.Algorithm;

    /// <summary>Always null: holder keys travel as a <c>jwk</c> header, never by <c>kid</c>.</summary>
    public string? KeyId => null;

    public static DeviceKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a private EC P-256 JWK (<c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c>, <c>d</c>); the point must be on the curve and match <c>d</c>.</summary>
    public static DeviceKey? TryFromPrivateJwk(ReadOnlySpan<byte> json, out string reason)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !Is(root, "kty", "EC") || !Is(root, "crv", "P-256"))
            {
                reason = "the device key is not an EC P-256 JWK";
                return null;
            }

            var x = Coordinate(root, "x");
            var y = Coordinate(root, "y");
            var d = Coordinate(root, "d");
            if (x is null || y is null || d is null)
            {
                reason = "the device key needs 32-byte base64url x, y and d";
                return null;
            }

            var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y }, D = d });
            reason = string.Empty;
            return new DeviceKey(key);
        }
        catch (Exception e) when (e is JsonException or CryptographicException)
        {
            reason = "the device key file is not a valid private JWK: " + e.Message;
            return null;
        }
    }

    /// <summary>The private JWK, UTF-8 JSON. Whoever holds these bytes can present the credential: store them 0600.</summary>
    public byte[] ExportPrivateJwk()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: true);
        try
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("kty"u8, "EC"u8);
                writer.WriteString("crv"u8, "P-256"u8);
                writer.WriteString("x"u8, Base64Url.EncodeToString(parameters.Q.X));
                writer.WriteString("y"u8, Base64Url.EncodeToString(parameters.Q.Y));
                writer.WriteString("d"u8, Base64Url.EncodeToString(parameters.D));
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>Whether <paramref name="jwk"/> is this key's public half (same point; <c>kid</c> and other members are ignored).</summary>
    public bool Matches(EcPublicJwk jwk) => jwk.X.SequenceEqual(PublicJwk.X) && jwk.Y.SequenceEqual(PublicJwk.Y);

    public int Sign(ReadOnlySpan<byte> signingInput, Span<byte> signature)
    {
        if (!_key.TrySignData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written))
        {
            throw new ArgumentException("The signature buffer is too small.", nameof(signature));
        }

        return written;
    }

    public void Dispose() => _key.Dispose();

    private static bool Is(JsonElement element, string name, string value) =>
        element.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String && member.ValueEquals(value);

    private static byte[]? Coordinate(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var member) || member.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = member.GetString()!;
        if (!Base64Url.IsValid(text, out int length) || length != CoordinateSize || text.Contains('='))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(text);
    }
}
