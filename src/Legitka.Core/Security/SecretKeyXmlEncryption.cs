using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Legitka.Codes;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Security;

/// <summary>
/// Encrypts the Data Protection key ring (kept in the database) with a key derived from the local secret that lives
/// outside it (<see cref="CodeHasher"/>): a stolen database or backup then opens neither the issuer's signing keys
/// nor the slips' activation codes nor anyone's session. AES-256-GCM; keys written before this existed stay readable.
/// </summary>
public sealed class SecretKeyXmlEncryptor(CodeHasher secrets) : IXmlEncryptor
{
    internal const string Purpose = "data-protection-key-ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[12 + 16 + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(secrets.DeriveKey(Purpose), 16))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        }

        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM under a key derived from Legitka's local secret (Legitka:CodeHashKey), kept outside the database "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(SecretKeyXmlDecryptor));
    }
}

/// <summary>The other half of <see cref="SecretKeyXmlEncryptor"/>; Data Protection creates it with the service provider.</summary>
public sealed class SecretKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new CryptographicException("The encrypted key has no value."));
        var plaintext = new byte[sealedBytes.Length - 28];
        using (var aes = new AesGcm(services.GetRequiredService<CodeHasher>().DeriveKey(SecretKeyXmlEncryptor.Purpose), 16))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
