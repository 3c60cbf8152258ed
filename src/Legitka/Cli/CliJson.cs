using System.Text.Encodings.Web;
using System.Text.Json;

namespace Legitka.Cli;

/// <summary>JSON settings for command output: snake_case names, and Polish letters written as they are.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
