using Legitka.Credentials.Jose;

namespace Legitka.Credentials.SdJwt;

/// <summary>Signs a payload written with <see cref="SdJwtPayloadWriter"/> and appends its disclosures (RFC 9901 §4).</summary>
public sealed class SdJwtIssuer
{
    private readonly IJwsSigner _signer;
    private readonly byte[] _encodedHeader;

    /// <param name="signer">The issuer key; must be ES256.</param>
    /// <param name="type">The explicit <c>typ</c>, e.g. <c>dc+sd-jwt</c> for SD-JWT VC.</param>
    public SdJwtIssuer(IJwsSigner signer, string type)
    {
        if (signer.Algorithm != Es256.Algorithm)
        {
            throw new ArgumentException("Only ES256 signers are supported.", nameof(signer));
        }

        _signer = signer;
        _encodedHeader = CompactJwsWriter.EncodeHeader(signer, type);
    }

    public IssuedSdJwt Issue(SdJwtPayloadWriter payload)
    {
        var json = payload.PayloadJson;
        var disclosures = payload.DisclosuresSegment;
        int jwsLength = CompactJwsWriter.GetLength(_encodedHeader.Length, json.Length);
        var output = new byte[jwsLength + 1 + disclosures.Length];
        int written = CompactJwsWriter.Write(output, _encodedHeader, json, _signer);
        output[written++] = (byte)'~';
        disclosures.CopyTo(output.AsSpan(written));
        return new IssuedSdJwt(output, payload.DisclosureCount);
    }
}
