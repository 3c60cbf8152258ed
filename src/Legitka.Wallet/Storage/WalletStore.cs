using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Wallet.Keys;

namespace Legitka.Wallet.Storage;

/// <summary>
/// The reference wallet's folder: <c>device-key.jwk</c> (the private device key) and <c>credentials/*.json</c>
/// (each credential with the claims read from it). The folder is created 0700 and every file 0600 on Unix,
/// written to a temporary file first and renamed, so a crash never leaves half a key. Safe for several
/// processes: the first to create the device key wins, the others load it.
/// </summary>
public sealed class WalletStore
{
    /// <summary>Overrides the default folder <c>./wallet</c>.</summary>
    public const string EnvironmentVariable = "LEGITKA_WALLET";

    public const string DeviceKeyFileName = "device-key.jwk";

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public WalletStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string DeviceKeyPath => Path.Combine(Directory, DeviceKeyFileName);

    private string CredentialsDirectory => Path.Combine(Directory, "credentials");

    /// <summary><c>$LEGITKA_WALLET</c> if set, otherwise <c>./wallet</c>.</summary>
    public static string DefaultDirectory(Func<string, string?>? environment = null)
    {
        string? configured = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath("wallet") : Path.GetFullPath(configured);
    }

    /// <summary>The device key, if the wallet has one; an unreadable key file is an <see cref="InvalidDataException"/>.</summary>
    public DeviceKey? LoadDeviceKey()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(DeviceKeyPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        TightenPermissions(DeviceKeyPath, PrivateFile);
        return DeviceKey.TryFromPrivateJwk(bytes, out var reason) ?? throw new InvalidDataException($"{DeviceKeyPath}: {reason}");
    }

    /// <summary>Loads the device key, or creates one (P-256) and stores it 0600.</summary>
    public DeviceKey LoadOrCreateDeviceKey(out bool created)
    {
        created = false;
        var existing = LoadDeviceKey();
        if (existing is not null)
        {
            return existing;
        }

        EnsureDirectory(Directory);
        var key = DeviceKey.Generate();
        string temporary = WriteTemporary(Directory, key.ExportPrivateJwk());
        try
        {
            File.Move(temporary, DeviceKeyPath, overwrite: false);
            created = true;
            return key;
        }
        catch (IOException) when (File.Exists(DeviceKeyPath))
        {
            // Another process created it first: use that one.
            File.Delete(temporary);
            key.Dispose();
            return LoadDeviceKey()!;
        }
    }

    /// <summary>Stores a verified credential as <c>credentials/&lt;id&gt;.json</c>; storing the same credential again replaces it.</summary>
    public async Task<StoredCredential> SaveAsync(ReceivedCredential credential, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        EnsureDirectory(Directory);
        EnsureDirectory(CredentialsDirectory);
        string id = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(credential.Credential)))[..16];
        using var claims = JsonDocument.Parse(credential.ClaimsJson);
        var record = new Record(
            id, credential.Credential, credential.CredentialIssuer, credential.CredentialConfigurationId, credential.Issuer, credential.Vct,
            credential.KeyThumbprint, credential.IssuedAt, credential.ExpiresAt, receivedAt, claims.RootElement);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        string path = Path.Combine(CredentialsDirectory, id + ".json");
        string temporary = await WriteTemporaryAsync(CredentialsDirectory, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return ToStored(record with { Claims = claims.RootElement.Clone() }, path);
    }

    /// <summary>Every stored credential, oldest first; files that cannot be read are skipped and reported in <paramref name="problems"/>.</summary>
    public async Task<IReadOnlyList<StoredCredential>> LoadCredentialsAsync(List<string>? problems = null, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(CredentialsDirectory))
        {
            return [];
        }

        var result = new List<StoredCredential>();
        foreach (var path in System.IO.Directory.EnumerateFiles(CredentialsDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                await using var stream = File.OpenRead(path);
                var record = await JsonSerializer.DeserializeAsync<Record>(stream, Json, cancellationToken).ConfigureAwait(false);
                if (record is null || string.IsNullOrEmpty(record.Credential))
                {
                    problems?.Add($"{path}: not a stored credential");
                    continue;
                }

                result.Add(ToStored(record, path));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                problems?.Add($"{path}: {e.Message}");
            }
        }

        return [.. result.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    private static StoredCredential ToStored(Record record, string path) => new(
        record.Id, record.Credential, record.CredentialIssuer, record.CredentialConfigurationId, record.Issuer, record.Vct, record.KeyThumbprint,
        record.IssuedAt, record.ExpiresAt, record.ReceivedAt, WalletCard.FromClaims(record.Claims), path);

    private static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else if (!System.IO.Directory.Exists(path))
        {
            System.IO.Directory.CreateDirectory(path, PrivateDirectory);
        }
    }

    private static string WriteTemporary(string directory, byte[] bytes)
    {
        string temporary = TemporaryPath(directory);
        using (var stream = new FileStream(temporary, TemporaryOptions()))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        return temporary;
    }

    private static async Task<string> WriteTemporaryAsync(string directory, byte[] bytes, CancellationToken cancellationToken)
    {
        string temporary = TemporaryPath(directory);
        await using (var stream = new FileStream(temporary, TemporaryOptions()))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        return temporary;
    }

    private static string TemporaryPath(string directory) => Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");

    /// <summary>Created new (never an existing file) and, on Unix, 0600 from the first byte.</summary>
    private static FileStreamOptions TemporaryOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        return options;
    }

    /// <summary>A key file someone made readable to others is put back to 0600 (like ssh, which refuses such keys).</summary>
    private static void TightenPermissions(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != mode)
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private sealed record Record(
        string Id,
        string Credential,
        string CredentialIssuer,
        string CredentialConfigurationId,
        string Issuer,
        string Vct,
        string KeyThumbprint,
        DateTimeOffset IssuedAt,
        DateTimeOffset ExpiresAt,
        DateTimeOffset ReceivedAt,
        JsonElement Claims);
}

/// <summary>A credential kept in the wallet folder.</summary>
/// <param name="Id">The file name without <c>.json</c>: the first 16 hex digits of SHA-256 over the credential.</param>
/// <param name="Credential">The SD-JWT VC as issued, every Disclosure included.</param>
public sealed record StoredCredential(
    string Id,
    string Credential,
    string CredentialIssuer,
    string CredentialConfigurationId,
    string Issuer,
    string Vct,
    string KeyThumbprint,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset ReceivedAt,
    WalletCard Card,
    string Path);
