using System.Collections.Concurrent;
using Legitka.Codes;
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
public sealed class StatusLists(IServiceScopeFactory scopes, IssuerKeyStore keys, CodeHasher hasher, IOptions<LegitkaOptions> options, TimeProvider clock)
{
    /// <summary>2^20 one-bit entries: 128 KB before compression.</summary>
    public const int ListSize = 1 << StatusIndexPermutation.Bits;

    /// <summary>What verifiers are told to cache a list for (<c>ttl</c>, and the HTTP max-age).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(60);

    /// <summary>Entries a node takes from the database at a time; a node that stops leaves the rest of its block unused.</summary>
    internal const int BlockSize = 64;

    private static readonly TimeSpan RebuildAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    private readonly ConcurrentDictionary<int, (string Token, DateTimeOffset BuiltAt)> _tokens = new();
    private readonly ConcurrentDictionary<int, StatusIndexPermutation> _permutations = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _blockLock = new();
    private (int ListId, int Size, int Next, int End) _block;

    /// <summary>Entries this node has handed out since it started (each one spent for good, used or not).</summary>
    internal int HandedOut { get; private set; }

    public string ListUri(int listId) => $"{options.Value.IssuerId}/status-lists/{listId}";

    /// <summary>A fresh entry for a new credential: never handed out before, on any node.</summary>
    public async ValueTask<StatusSlot> AllocateAsync(CancellationToken ct = default)
    {
        while (true)
        {
            lock (_blockLock)
            {
                if (_block.Next < _block.End)
                {
                    var sequence = _block.Next++;
                    HandedOut++;
                    return new StatusSlot(_block.ListId, Permutation(_block.ListId).Apply(sequence, _block.Size));
                }
            }

            await _gate.WaitAsync(ct);
            try
            {
                bool empty;
                lock (_blockLock)
                {
                    empty = _block.Next >= _block.End;
                }

                if (empty)
                {
                    var block = await ReserveBlockAsync(ct);
                    lock (_blockLock)
                    {
                        _block = block;
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Takes the next block of the accepting list, opening a new list when it is full; safe beside other nodes.</summary>
    private async Task<(int ListId, int Size, int Next, int End)> ReserveBlockAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        while (true)
        {
            var list = await db.StatusLists.AsNoTracking().Where(l => l.Accepting).OrderBy(l => l.Id)
                .Select(l => new { l.Id, l.Size, l.Allocated }).FirstOrDefaultAsync(ct);
            if (list is null)
            {
                // The deployment's first list (two nodes starting at once may each open one; both are used).
                db.StatusLists.Add(new StatusListRecord { Size = ListSize, CreatedAt = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }

            if (list.Allocated >= list.Size)
            {
                // Closed and replaced at once, by whichever node closes it: the others wait on the row, then find the new list.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (await db.StatusLists.Where(l => l.Id == list.Id && l.Accepting).ExecuteUpdateAsync(u => u.SetProperty(l => l.Accepting, false), ct) == 1)
                {
                    db.StatusLists.Add(new StatusListRecord { Size = ListSize, CreatedAt = clock.GetUtcNow().UtcDateTime });
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }

                await transaction.CommitAsync(ct);
                continue;
            }

            var end = Math.Min(list.Size, list.Allocated + BlockSize);
            // Compare-and-set: of two nodes that read the same count, one takes the block and the other reads again.
            var taken = await db.StatusLists.Where(l => l.Id == list.Id && l.Allocated == list.Allocated)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.Allocated, end), ct);
            if (taken == 1)
            {
                return (list.Id, list.Size, list.Allocated, end);
            }
        }
    }

    private StatusIndexPermutation Permutation(int listId) =>
        _permutations.GetOrAdd(listId, id => new StatusIndexPermutation(hasher.DeriveKey($"status-index/{id}")));

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

/// <summary>Where a credential's status lives: its list and its entry.</summary>
public readonly record struct StatusSlot(int ListId, int Index);
