using Microsoft.EntityFrameworkCore;

namespace Legitka.Data;

/// <summary>
/// Serializes appends to the audit chain across processes, so two nodes never seal the same sequence number.
/// PostgreSQL: a transaction-scoped advisory lock. SQLite: the write transaction is already exclusive
/// (Microsoft.Data.Sqlite begins IMMEDIATE transactions).
/// </summary>
internal static class AuditAppendLock
{
    // The key is "Legitka" in ASCII, read as a number.
    private const string LockSql = "SELECT pg_advisory_xact_lock(21503593055284065)";

    public static async Task AcquireAsync(LegitkaDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(LockSql, ct);
        }
    }
}
