namespace Legitka.Import;

/// <summary>One reason a file is refused: where (line, column) and why, in English (CLI, API, logs) and Polish (portal).</summary>
public sealed record ImportProblem(int Line, string? Column, string Message, string MessagePl)
{
    public override string ToString() =>
        Column is null ? $"line {Line}: {Message}" : $"line {Line}, column {Column}: {Message}";

    public string ToPolishString() =>
        Column is null ? $"wiersz {Line}: {MessagePl}" : $"wiersz {Line}, kolumna {Column}: {MessagePl}";
}
