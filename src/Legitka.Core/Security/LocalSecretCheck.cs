using System.Security.Cryptography;
using Legitka.Codes;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Security;

/// <summary>
/// A fingerprint of the local secret (<see cref="CodeHasher"/>'s key), kept in the database the first time a node
/// starts, so that a second node, a restored backup or a moved data directory with a different key is stopped at
/// start with a clear message — instead of failing later at every activation and every read of the key ring.
/// </summary>
public sealed class LocalSecretCheck
{
    public const string CodeHashKeyName = "code-hash-key";

    public required string Name { get; init; }

    /// <summary>HMAC of a fixed label under the secret: says nothing about the key itself.</summary>
    public required byte[] Fingerprint { get; init; }

    public static async Task EnsureMatchesAsync(LegitkaDbContext db, CodeHasher secret, CancellationToken ct)
    {
        var fingerprint = secret.DeriveKey("fingerprint")[..16];
        var stored = await db.LocalSecretChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Name == CodeHashKeyName, ct);
        if (stored is null)
        {
            db.LocalSecretChecks.Add(new LocalSecretCheck { Name = CodeHashKeyName, Fingerprint = fingerprint });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another node wrote its fingerprint at the same moment: compare with that one.
                db.ChangeTracker.Clear();
                stored = await db.LocalSecretChecks.AsNoTracking().SingleAsync(c => c.Name == CodeHashKeyName, ct);
            }
        }

        if (!CryptographicOperations.FixedTimeEquals(stored.Fingerprint, fingerprint))
        {
            throw new DeploymentProblemException(
                "This node's local secret (Legitka:CodeHashKey, or the file keys/code-hash.key in the data directory) is not the one " +
                "this database was set up with. Every node of a deployment must use the same key, and a restored database needs " +
                "its key back: with another key, printed activation codes cannot be redeemed and the encrypted issuer keys cannot be read.");
        }
    }
}
