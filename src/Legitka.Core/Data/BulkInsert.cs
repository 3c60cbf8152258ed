using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Legitka.Data;

/// <summary>
/// Multi-row INSERTs for new rows of a large import, built from the EF model (table, columns, type mappings and
/// value converters), so SQLite and PostgreSQL store exactly what EF Core would. EF's change tracker costs tens of
/// microseconds per row; an e-diary file of 10,000 pupils is ~40,000 rows.
/// </summary>
public static class BulkInsert
{
    private const int MaxParametersPerStatement = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535
    private const int MaxRowsPerStatement = 500;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                     $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var mappings = properties.Select(p => (Property: p, Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter())).ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.IsSqlite())
        {
            // SQLite binds parameters by a linear name lookup, so wide statements cost O(n²); in-process, one
            // prepared single-row statement re-executed per row is the fastest path.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = prefix + "(" + string.Join(", ", mappings.Select((_, c) => $"@p{c}")) + ")";
            // The parameters are made (and typed) once by their EF mappings; each row only sets their values.
            var parameters = mappings.Select((m, c) => m.Mapping.CreateParameter(command, $"@p{c}", null, m.Property.IsNullable)).ToArray();
            command.Parameters.AddRange(parameters);
            var converters = mappings.Select(m => m.Mapping.Converter).ToArray();
            foreach (var row in rows)
            {
                for (var c = 0; c < mappings.Count; c++)
                {
                    var value = mappings[c].Getter.GetClrValueUsingContainingEntity(row);
                    parameters[c].Value = (value is null ? null : converters[c] is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(ct);
            }

            return;
        }

        if (connection is Npgsql.NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table, mappings, rows, sql, ct);
            return;
        }

        var rowsPerStatement = Math.Clamp(MaxParametersPerStatement / properties.Count, 1, MaxRowsPerStatement);
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(prefix, prefix.Length + count * properties.Count * 8);
            var parameter = 0;
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Count; c++)
                {
                    var name = $"@p{parameter++}";
                    text.Append(c == 0 ? name : ", " + name);
                    var (property, mapping, getter) = mappings[c];
                    command.Parameters.Add(mapping.CreateParameter(command, name, getter.GetClrValueUsingContainingEntity(rows[start + r]), property.IsNullable));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// PostgreSQL: binary COPY, several times faster than multi-row INSERTs (no SQL text, no parameters to bind). Each
    /// value goes through the property's value converter, typed by its column's store type.
    /// </summary>
    private static async Task CopyAsync<T>(Npgsql.NpgsqlConnection connection, StoreObjectIdentifier table,
        List<(IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)> mappings, IReadOnlyList<T> rows,
        ISqlGenerationHelper sql, CancellationToken ct) where T : class
    {
        var columns = string.Join(", ", mappings.Select(m => sql.DelimitIdentifier(m.Property.GetColumnName(table)!)));
        var types = mappings.Select(m => StoreTypeName(m.Mapping.StoreType)).ToArray();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var c = 0; c < mappings.Count; c++)
            {
                var (_, mapping, getter) = mappings[c];
                var value = getter.GetClrValueUsingContainingEntity(row);
                if (value is not null && mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, types[c], ct);
                }
            }
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>"character varying(20)" → "character varying": COPY wants the type, not its length.</summary>
    private static string StoreTypeName(string storeType)
    {
        var paren = storeType.IndexOf('(');
        return paren < 0 ? storeType : storeType[..paren].TrimEnd();
    }
}
