using System.Text.Json;
using Legitka.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Codes;

/// <summary>Keeps the plain codes of a class's slips encrypted until they expire, and hands them back for printing.</summary>
public sealed class SlipArchive(LegitkaDbContext db, IDataProtectionProvider protection)
{
    private IDataProtector Protector => protection.CreateProtector("Legitka.Codes.Slips.v1");

    public SlipSet Seal(CodeBatch batch, Guid classId, IReadOnlyList<IssuedCode> codes, DateTimeOffset now) => new()
    {
        BatchId = batch.Id,
        SchoolId = batch.SchoolId,
        ClassId = classId,
        Count = codes.Count,
        CreatedAt = now.UtcDateTime,
        ExpiresAt = codes.Count == 0 ? now.UtcDateTime : codes.Max(c => c.ExpiresAt).UtcDateTime,
        ProtectedSlips = Protector.Protect(JsonSerializer.SerializeToUtf8Bytes(codes)),
    };

    /// <summary>The codes of a set, or an empty list once erased.</summary>
    public IReadOnlyList<IssuedCode> Open(SlipSet set) =>
        set.ProtectedSlips is null ? [] : JsonSerializer.Deserialize<List<IssuedCode>>(Protector.Unprotect(set.ProtectedSlips)) ?? [];

    /// <summary>All codes of a batch, class by class.</summary>
    public async Task<IReadOnlyList<IssuedCode>> OpenBatchAsync(Guid batchId, CancellationToken ct = default)
    {
        var sets = await db.SlipSets.AsNoTracking().Where(s => s.BatchId == batchId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        return [.. sets.SelectMany(Open)];
    }

    /// <summary>Erases the plain codes of expired sets: past their expiry nobody can use them, and nobody should read them.</summary>
    public Task<int> EraseExpiredAsync(CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return db.SlipSets.Where(s => s.ExpiresAt < now && s.ProtectedSlips != null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ProtectedSlips, (byte[]?)null), ct);
    }
}
