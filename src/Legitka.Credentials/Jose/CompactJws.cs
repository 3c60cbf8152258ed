using System.Buffers.Text;

namespace Legitka.Credentials.Jose;

/// <summary>The three dot-separated parts of a JWS Compact Serialization, as ranges into the token.</summary>
internal readonly record struct CompactJws(Range Header, Range Payload, Range Signature)
{
    /// <summary>The signing input: <c>header "." payload</c>.</summary>
    public Range SigningInput => new(Header.Start, Payload.End);

    public static bool TrySplit(ReadOnlySpan<byte> token, out CompactJws jws)
    {
        jws = default;
        int first = token.IndexOf((byte)'.');
        if (first <= 0)
        {
            return false;
        }

        int second = token[(first + 1)..].IndexOf((byte)'.');
        if (second <= 0)
        {
            return false;
        }

        second += first + 1;
        if (token[(second + 1)..].Contains((byte)'.') || second + 1 >= token.Length)
        {
            return false;
        }

        jws = new CompactJws(new Range(0, first), new Range(first + 1, second), new Range(second + 1, token.Length));
        return true;
    }

    /// <summary>Decodes the 64-byte ES256 signature strictly; false if it is anything else.</summary>
    public bool TryDecodeSignature(ReadOnlySpan<byte> token, Span<byte> signature) =>
        Base64UrlStrict.TryDecode(token[Signature], signature, out var written) && written == Es256.SignatureSize;

    public byte[]? DecodeHeader(ReadOnlySpan<byte> token) => Base64UrlStrict.Decode(token[Header]);

    public byte[]? DecodePayload(ReadOnlySpan<byte> token) => Base64UrlStrict.Decode(token[Payload]);
}

/// <summary>Writes <c>base64url(header).base64url(payload).base64url(signature)</c> in one buffer, signing in place.</summary>
internal static class CompactJwsWriter
{
    /// <summary>The exact length of an ES256 JWS: base64url has no padding and the signature is always 64 bytes.</summary>
    public static int GetLength(int encodedHeaderLength, int payloadLength) =>
        encodedHeaderLength + 1 + Base64Url.GetEncodedLength(payloadLength) + 1 + Base64Url.GetEncodedLength(Es256.SignatureSize);

    /// <summary>Writes the JWS into <paramref name="destination"/> (at least <see cref="GetLength"/> long) and returns its length.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> encodedHeader, ReadOnlySpan<byte> payloadJson, IJwsSigner signer)
    {
        encodedHeader.CopyTo(destination);
        int position = encodedHeader.Length;
        destination[position++] = (byte)'.';
        position += Base64Url.EncodeToUtf8(payloadJson, destination[position..]);
        Span<byte> signature = stackalloc byte[Es256.SignatureSize];
        int signatureLength = signer.Sign(destination[..position], signature);
        destination[position++] = (byte)'.';
        position += Base64Url.EncodeToUtf8(signature[..signatureLength], destination[position..]);
        return position;
    }

    /// <summary>The base64url of a JOSE header <c>{"alg","typ","kid"}</c>; computed once per signer and type.</summary>
    public static byte[] EncodeHeader(IJwsSigner signer, string type)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, signer.Algorithm);
            writer.WriteString("typ"u8, type);
            if (signer.KeyId is not null)
            {
                writer.WriteString("kid"u8, signer.KeyId);
            }

            writer.WriteEndObject();
        }

        var encoded = new byte[Base64Url.GetEncodedLength(buffer.WrittenCount)];
        Base64Url.EncodeToUtf8(buffer.WrittenSpan, encoded);
        return encoded;
    }
}
