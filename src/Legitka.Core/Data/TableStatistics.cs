using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Legitka.Data;

/// <summary>
/// Fresh planner statistics after a bulk load. PostgreSQL's autovacuum analyzes a changed table within a minute or
/// so; a secretary who imports a school and generates its codes right away would meanwhile get plans made for the
/// empty tables (the code batch's readiness query ran 3–4× slower that way). SQLite plans without statistics.
/// </summary>
public static class TableStatistics
{
    /// <summary>Loads smaller than this change no plan worth an ANALYZE.</summary>
    public const int BulkRows = 1_000;

    /// <summary>Analyzes the tables of the given entity types (PostgreSQL only).</summary>
    public static async Task RefreshAsync(DbContext db, IEnumerable<Type> entityTypes, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", entityTypes.Select(type => db.Model.FindEntityType(type)
            ?? throw new InvalidOperationException($"{type} is not in the model.")).Select(e => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema())));
        // Identifiers from the model, delimited: nothing here comes from input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"ANALYZE {names}", ct);
#pragma warning restore EF1002
    }
}
