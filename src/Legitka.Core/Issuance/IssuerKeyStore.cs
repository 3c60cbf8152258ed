using Legitka.Credentials.Jose;
using Legitka.Credentials.Keys;
using Legitka.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Issuance;

/// <summary>
/// The issuer's signing keys, kept in the database with the private part encrypted by Data Protection. The newest
/// key that is not retired signs; retired keys keep verifying until the credentials they signed have expired.
/// The ring is cached and re-read every few minutes, so a rotation on one node reaches the others.
/// </summary>
public sealed class IssuerKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The longest a credential lives: a card extended to 30 September, issued up to 13 months before.</summary>
    public static readonly TimeSpan RetiredKeyLifetime = TimeSpan.FromDays(400);

    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IssuerKeyRing Ring, DateTimeOffset LoadedAt)? _cached;

    private IDataProtector Protector => protection.CreateProtector("Legitka.Issuance.IssuerKeys.v1");

    public async ValueTask<IssuerKeyRing> GetRingAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.LoadedAt < CacheFor)
        {
            return cached.Ring;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && now - again.LoadedAt < CacheFor)
            {
                return again.Ring;
            }

            var ring = await LoadAsync(ct) ?? await CreateFirstAsync(ct);
            _cached = (ring, now);
            return ring;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes a new signing key and retires the current one (it keeps verifying); returns the new kid.</summary>
    public async Task<string> RotateAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.IssuerKeys.Where(k => k.RetiredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.RetiredAt, now).SetProperty(k => k.VerifyUntil, now + RetiredKeyLifetime), ct);
        var kid = await AddKeyAsync(db, ct);
        _cached = null;
        return kid;
    }

    private async Task<IssuerKeyRing?> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var keys = await db.IssuerKeys.AsNoTracking().ToListAsync(ct);
        // Two nodes may both have created a first key; the newest unretired one signs, the other only verifies.
        var active = keys.Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Kid, StringComparer.Ordinal).FirstOrDefault();
        if (active is null)
        {
            return null;
        }

        var signer = EcdsaJwsSigner.FromPkcs8(Protector.Unprotect(active.ProtectedPrivateKey), active.Kid);
        var farFuture = clock.GetUtcNow() + RetiredKeyLifetime;
        var retired = keys.Where(k => k.Kid != active.Kid)
            .Select(k => new RetiredKey(PublicKeyOf(k), k.VerifyUntil is { } until ? new DateTimeOffset(until, TimeSpan.Zero) : farFuture))
            .ToList();
        return new IssuerKeyRing(signer, signer.PublicJwk, retired);
    }

    private EcPublicJwk PublicKeyOf(IssuerKey key)
    {
        using var signer = EcdsaJwsSigner.FromPkcs8(Protector.Unprotect(key.ProtectedPrivateKey), key.Kid);
        return signer.PublicJwk;
    }

    private async Task<IssuerKeyRing> CreateFirstAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await AddKeyAsync(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>(), ct);
        }

        return await LoadAsync(ct) ?? throw new InvalidOperationException("The issuer key just created cannot be read back.");
    }

    private async Task<string> AddKeyAsync(LegitkaDbContext db, CancellationToken ct)
    {
        using var generated = EcdsaJwsSigner.Generate();
        db.IssuerKeys.Add(new IssuerKey
        {
            Kid = generated.KeyId ?? throw new InvalidOperationException("A generated key has a thumbprint kid."),
            ProtectedPrivateKey = Protector.Protect(generated.ExportPkcs8()),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        db.Audit(Audit.Actor.System, "issuer-key.created", nameof(IssuerKey), generated.KeyId, null);
        await db.SaveChangesAsync(ct);
        return generated.KeyId;
    }
}
