using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Legitka.Codes;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of offer references, activation codes, pre-authorized codes and access tokens.
/// The key lives outside the database (<see cref="LegitkaOptions.CodeHashKey"/> or a file under the data directory),
/// so a stolen database cannot be searched for the 10^8 possible activation codes.
/// </summary>
public sealed class CodeHasher
{
    private const string KeyFileName = "code-hash.key";
    private readonly byte[] _key;

    public CodeHasher(IOptions<LegitkaOptions> options)
    {
        _key = LoadOrCreateKey(options.Value);
    }

    public byte[] Hash(string purpose, string value)
    {
        // The purpose is mixed in, so a value of one kind never matches the hash of another kind.
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{purpose}\n{value}"));
    }

    /// <summary>A 256-bit key for another use of the same local secret (e.g. encrypting the Data Protection key ring).</summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"derive\n{purpose}"));

    /// <summary>Constant-time comparison of a presented value with a stored hash.</summary>
    public bool Matches(string purpose, string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(purpose, presented), storedHash);

    private static byte[] LoadOrCreateKey(LegitkaOptions options)
    {
        if (!string.IsNullOrEmpty(options.CodeHashKey))
        {
            var buffer = new byte[options.CodeHashKey.Length];
            var configured = Convert.TryFromBase64String(options.CodeHashKey, buffer, out int length)
                ? buffer[..length]
                : throw new DeploymentProblemException("Legitka:CodeHashKey is not base64; make one with `openssl rand -base64 32`.");
            return configured.Length >= 32
                ? configured
                : throw new DeploymentProblemException("Legitka:CodeHashKey must hold at least 32 bytes (base64).");
        }

        var directory = Path.Combine(options.DataDirectory, "keys");
        var path = Path.Combine(directory, KeyFileName);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(directory);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            // CreateNew: if another process made the key a moment ago, theirs wins and we read it.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}

/// <summary>What each hash is of: a value of one kind can never be replayed as another.</summary>
public static class HashPurpose
{
    public const string OfferReference = "offer-ref";
    public const string ActivationCode = "tx-code";
    public const string PreAuthorizedCode = "pre-auth-code";
    public const string AccessToken = "access-token";
    public const string NotificationId = "notification-id";
    public const string Nonce = "nonce";
}
