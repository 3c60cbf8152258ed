using System.Text.Json;

namespace Legitka.Credentials.StatusList;

/// <summary>The <c>status.status_list</c> claim of a referenced token (draft §6.2): an index into the list at a URI.</summary>
public sealed record StatusReference(int Index, string Uri)
{
    public static bool TryRead(JsonElement claims, out StatusReference? reference, out bool present)
    {
        reference = null;
        present = claims.TryGetProperty("status"u8, out var status);
        if (!present)
        {
            return true;
        }

        if (status.ValueKind != JsonValueKind.Object || !status.TryGetProperty("status_list"u8, out var list) || list.ValueKind != JsonValueKind.Object
            || !list.TryGetProperty("idx"u8, out var idx) || !idx.TryGetInt32(out var index) || index < 0
            || !list.TryGetProperty("uri"u8, out var uri) || uri.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        reference = new StatusReference(index, uri.GetString()!);
        return true;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("status"u8);
        writer.WriteStartObject("status_list"u8);
        writer.WriteNumber("idx"u8, Index);
        writer.WriteString("uri"u8, Uri);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
