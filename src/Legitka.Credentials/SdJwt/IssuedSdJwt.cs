using System.Text;

namespace Legitka.Credentials.SdJwt;

/// <summary>An issued SD-JWT in compact form, <c>jwt~disclosure~…~</c>, as ASCII bytes ready to send.</summary>
public sealed class IssuedSdJwt
{
    private readonly byte[] _utf8;

    internal IssuedSdJwt(byte[] utf8, int disclosureCount)
    {
        _utf8 = utf8;
        DisclosureCount = disclosureCount;
    }

    public ReadOnlyMemory<byte> Utf8 => _utf8;

    public int DisclosureCount { get; }

    public override string ToString() => Encoding.ASCII.GetString(_utf8);
}
