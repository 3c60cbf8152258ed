using System.Text.Json;

namespace Legitka.Credentials.Jose;

/// <summary>The JOSE header members the engine acts on.</summary>
internal sealed record JoseHeader(string? Algorithm, string? Type, string? KeyId)
{
    /// <summary>
    /// Reads <c>alg</c>, <c>typ</c> and <c>kid</c>. A header with <c>crit</c> is refused: we understand
    /// no extensions, and RFC 7515 §4.1.11 says a recipient that does not must reject.
    /// </summary>
    public static JoseHeader? TryRead(ReadOnlySpan<byte> json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return null;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        string? algorithm = null, type = null, keyId = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isAlg = reader.ValueTextEquals("alg"u8), isTyp = reader.ValueTextEquals("typ"u8), isKid = reader.ValueTextEquals("kid"u8);
                if (reader.ValueTextEquals("crit"u8))
                {
                    return null;
                }

                reader.Read();
                if (isAlg || isTyp || isKid)
                {
                    if (reader.TokenType != JsonTokenType.String || (isAlg ? algorithm : isTyp ? type : keyId) is not null)
                    {
                        return null; // wrong type, or the member given twice
                    }

                    var value = reader.GetString();
                    if (isAlg) algorithm = value;
                    else if (isTyp) type = value;
                    else keyId = value;
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? new JoseHeader(algorithm, type, keyId) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
