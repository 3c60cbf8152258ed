using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Legitka.Data;

/// <summary>Every timestamp is UTC: PostgreSQL's timestamptz demands it, SQLite forgets the kind on read.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
