using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// Analyzes the tables of the given entity types (PostgreSQL only). Best effort, after the data are committed:
    /// a failure here is logged and leaves the statistics to autovacuum, never failing the load it follows.
    /// </summary>
    public static async Task RefreshAsync(DbContext db, IEnumerable<Type> entityTypes)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", entityTypes.Select(type => db.Model.FindEntityType(type)
            ?? throw new InvalidOperationException($"{type} is not in the model.")).Select(e => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema())));
        try
        {
            // Identifiers from the model, delimited: nothing here comes from input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"ANALYZE {names}");
#pragma warning restore EF1002
        }
        catch (System.Data.Common.DbException e)
        {
            db.GetService<ILoggerFactory>().CreateLogger(typeof(TableStatistics)).LogWarning(e, "ANALYZE {Tables} failed; autovacuum will catch up", names);
        }
    }
}
