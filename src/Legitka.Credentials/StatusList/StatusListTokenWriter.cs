using System.Buffers.Text;
using System.Buffers;
using System.Text.Json;
using Legitka.Credentials.Jose;

namespace Legitka.Credentials.StatusList;

/// <summary>Signs a Status List Token: header <c>typ</c> <c>statuslist+jwt</c>; claims <c>sub</c>, <c>iat</c>, <c>exp</c>, <c>ttl</c>, <c>status_list</c>.</summary>
public sealed class StatusListTokenWriter
{
    public const string Type = "statuslist+jwt";

    private readonly IJwsSigner _signer;
    private readonly byte[] _encodedHeader;

    public StatusListTokenWriter(IJwsSigner signer)
    {
        _signer = signer;
        _encodedHeader = CompactJwsWriter.EncodeHeader(signer, Type);
    }

    /// <param name="subject">The list's URI, equal to <c>status.status_list.uri</c> in the credentials it covers.</param>
    /// <param name="lifetime">Until <c>exp</c>; verifiers refuse the token after that.</param>
    /// <param name="timeToLive">How long a verifier may cache it (<c>ttl</c>); short, so a revocation shows within it.</param>
    public string Write(TokenStatusList list, string subject, DateTimeOffset issuedAt, TimeSpan lifetime, TimeSpan timeToLive)
    {
        var compressed = list.Compress();
        var payload = new ArrayBufferWriter<byte>(Base64Url.GetEncodedLength(compressed.Length) + 256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("sub"u8, subject);
            writer.WriteNumber("iat"u8, issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp"u8, (issuedAt + lifetime).ToUnixTimeSeconds());
            writer.WriteNumber("ttl"u8, (long)timeToLive.TotalSeconds);
            writer.WriteStartObject("status_list"u8);
            writer.WriteNumber("bits"u8, list.Bits);
            writer.WritePropertyName("lst"u8);
            var encoded = ArrayPool<byte>.Shared.Rent(Base64Url.GetEncodedLength(compressed.Length));
            int length = Base64Url.EncodeToUtf8(compressed, encoded);
            writer.WriteStringValue(encoded.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(encoded);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var jws = new byte[CompactJwsWriter.GetLength(_encodedHeader.Length, payload.WrittenCount)];
        CompactJwsWriter.Write(jws, _encodedHeader, payload.WrittenSpan, _signer);
        return System.Text.Encoding.ASCII.GetString(jws);
    }
}
