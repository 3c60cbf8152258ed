using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Audit;

public static class AuditQueries
{
    /// <summary>A school's entries, newest first, keyset-paged by sequence.</summary>
    public static IQueryable<AuditEntry> ForSchool(LegitkaDbContext db, Guid schoolId, long? before, int take) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.SchoolId == schoolId && (before == null || e.Sequence < before))
            .OrderByDescending(e => e.Sequence)
            .Take(take);
}
