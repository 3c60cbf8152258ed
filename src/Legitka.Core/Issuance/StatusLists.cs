using System.Collections.Concurrent;
using System.Security.Cryptography;
using Legitka.Credentials.StatusList;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Legitka.Issuance;

/// <summary>
/// The deployment's Token Status Lists: where a new credential's index comes from, and the signed
/// <c>statuslist+jwt</c> served at the URI credentials name. A token is rebuilt from the register when older than
/// <see cref="RebuildAfter"/> or when this node has just ended a credential, so a revocation shows within a minute
/// on every node.
/// </summary>
public sealed class StatusLists(IServiceScopeFactory scopes, IssuerKeyStore keys, IOptions<LegitkaOptions> options, TimeProvider clock)
{
    /// <summary>2^20 one-bit entries (128 KB before compression); a list is closed when half used, so random draws stay cheap.</summary>
    public const int ListSize = 1 << 20;

    /// <summary>What verifiers are told to cache a list for (<c>ttl</c>, and the HTTP max-age).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RebuildAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    private readonly ConcurrentDictionary<int, (string Token, DateTimeOffset BuiltAt)> _tokens = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _currentListId;
    private int _issuedSinceCheck;

    public string ListUri(int listId) => $"{options.Value.IssuerId}/status-lists/{listId}";

    public static int RandomIndex() => RandomNumberGenerator.GetInt32(ListSize);

    /// <summary>The list new credentials go into; opens the first one, and a fresh one when the current is half used.</summary>
    public async ValueTask<int> CurrentListIdAsync(CancellationToken ct = default)
    {
        if (_currentListId != 0 && Interlocked.Increment(ref _issuedSinceCheck) % 10_000 != 0)
        {
            return _currentListId;
        }

        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            var current = await db.StatusLists.Where(l => l.Accepting).OrderBy(l => l.Id).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
            if (current is { } id && await db.IssuedMobileIds.CountAsync(c => c.StatusListId == id, ct) >= ListSize / 2)
            {
                await db.StatusLists.Where(l => l.Id == id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Accepting, false), ct);
                current = null;
            }

            if (current is null)
            {
                var list = new StatusListRecord { Size = ListSize, CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.StatusLists.Add(list);
                await db.SaveChangesAsync(ct);
                current = list.Id;
            }

            _currentListId = current.Value;
            return _currentListId;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forget the cached token of lists in which a credential has just ended.</summary>
    public void Invalidate(IEnumerable<int> listIds)
    {
        foreach (var id in listIds)
        {
            _tokens.TryRemove(id, out _);
        }
    }

    /// <summary>The signed Status List Token and when it was built, or null when there is no such list.</summary>
    public async Task<ServedStatusList?> TokenAsync(int listId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_tokens.TryGetValue(listId, out var cached) && now - cached.BuiltAt < RebuildAfter)
        {
            return new ServedStatusList(cached.Token, cached.BuiltAt);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var size = await db.StatusLists.Where(l => l.Id == listId).Select(l => (int?)l.Size).SingleOrDefaultAsync(ct);
        if (size is null)
        {
            return null;
        }

        var ended = await db.IssuedMobileIds.Where(c => c.StatusListId == listId && c.EndedAt != null).Select(c => c.StatusIndex).ToListAsync(ct);
        var list = new TokenStatusList(size.Value, bits: 1);
        foreach (var index in ended)
        {
            list[index] = (byte)StatusType.Invalid;
        }

        var ring = await keys.GetRingAsync(ct);
        var token = new StatusListTokenWriter(ring.ActiveSigner).Write(list, ListUri(listId), now, TokenLifetime, TimeToLive);
        _tokens[listId] = (token, now);
        return new ServedStatusList(token, now);
    }
}

public sealed record ServedStatusList(string Token, DateTimeOffset BuiltAt);
