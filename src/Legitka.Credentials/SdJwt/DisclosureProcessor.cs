using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Legitka.Credentials.Jose;
using Legitka.Credentials.Verification;

namespace Legitka.Credentials.SdJwt;

/// <summary>
/// Builds the Processed SD-JWT Payload (RFC 9901 §7.1 step 3): walks the signed payload, replaces each
/// embedded digest by its Disclosure (recursively), drops undisclosed array elements, removes <c>_sd</c>
/// and <c>_sd_alg</c>, and refuses repeated digests, name collisions, misplaced or reserved Disclosures.
/// </summary>
internal sealed class DisclosureProcessor
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Dictionary<Digest, ParsedDisclosure> _disclosures;
    private readonly HashSet<Digest> _seen = [];
    private readonly IReadOnlySet<string> _nonDisclosable;
    private readonly int _maxNesting;
    private Utf8JsonWriter _writer = null!;
    private int _nesting;

    public DisclosureProcessor(Dictionary<Digest, ParsedDisclosure> disclosures, IReadOnlySet<string> nonDisclosable, int maxNesting)
    {
        _disclosures = disclosures;
        _nonDisclosable = nonDisclosable;
        _maxNesting = maxNesting;
    }

    public VerificationError? Error { get; private set; }

    /// <param name="sizeHint">The expected output size (payload plus Disclosures), so the buffer is not regrown.</param>
    public byte[]? Process(JsonElement payload, int sizeHint)
    {
        var output = new ArrayBufferWriter<byte>(sizeHint);
        using (_writer = new Utf8JsonWriter(output, WriterOptions))
        {
            if (!ProcessObject(payload, isRoot: true))
            {
                return null;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private bool ProcessValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ProcessObject(value, isRoot: false),
        JsonValueKind.Array => ProcessArray(value),
        _ => WriteLeaf(value),
    };

    /// <summary>Copies a string, number or literal as it was parsed: already valid JSON, so no second validation or escaping pass (the portrait is ~20 KB).</summary>
    private bool WriteLeaf(JsonElement value)
    {
        _writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
        return true;
    }

    private bool ProcessObject(JsonElement value, bool isRoot)
    {
        _writer.WriteStartObject();
        JsonElement sd = default;
        bool hasSd = false;
        foreach (var property in value.EnumerateObject())
        {
            if (property.NameEquals("_sd"u8))
            {
                sd = property.Value;
                hasSd = true;
                continue;
            }

            if (property.NameEquals("..."u8))
            {
                return Fail(ErrorCodes.Malformed, "The payload uses the reserved name '...' outside an array element digest.");
            }

            if (isRoot && property.NameEquals("_sd_alg"u8))
            {
                continue;
            }

            _writer.WritePropertyName(property.Name);
            if (!ProcessValue(property.Value))
            {
                return false;
            }
        }

        if (hasSd && !ProcessSd(value, sd, isRoot))
        {
            return false;
        }

        _writer.WriteEndObject();
        return true;
    }

    private bool ProcessSd(JsonElement owner, JsonElement sd, bool isRoot)
    {
        if (sd.ValueKind != JsonValueKind.Array)
        {
            return Fail(ErrorCodes.Malformed, "An '_sd' member is not an array of digests.");
        }

        // Names added from this '_sd': two Disclosures with one name collide just as a plain member would.
        List<string>? added = null;
        foreach (var entry in sd.EnumerateArray())
        {
            if (!TryReadDigest(entry, out var digest) || !MarkSeen(digest))
            {
                return false;
            }

            if (!_disclosures.TryGetValue(digest, out var disclosure))
            {
                continue; // not disclosed, or a decoy
            }

            if (disclosure.Name is null)
            {
                return Fail(ErrorCodes.InvalidDisclosure, $"Disclosure {disclosure.Position} is an array element but is referenced from an object's '_sd'.");
            }

            if (disclosure.Name is "_sd" or "...")
            {
                return Fail(ErrorCodes.InvalidDisclosure, $"Disclosure {disclosure.Position} uses the reserved claim name '{disclosure.Name}'.");
            }

            if (isRoot && _nonDisclosable.Contains(disclosure.Name))
            {
                return Fail(ErrorCodes.ForbiddenDisclosure, $"The claim '{disclosure.Name}' must not be selectively disclosable.");
            }

            if (owner.TryGetProperty(disclosure.Name, out _) || (added?.Contains(disclosure.Name) ?? false))
            {
                return Fail(ErrorCodes.SdCollision, $"Disclosure {disclosure.Position} adds '{disclosure.Name}', which already exists at that level.");
            }

            disclosure.Used = true;
            (added ??= []).Add(disclosure.Name);
            _writer.WritePropertyName(disclosure.Name);
            if (!Nested(disclosure))
            {
                return false;
            }
        }

        return true;
    }

    private bool ProcessArray(JsonElement value)
    {
        _writer.WriteStartArray();
        foreach (var element in value.EnumerateArray())
        {
            if (!IsArrayDigest(element, out var digestElement))
            {
                if (!ProcessValue(element))
                {
                    return false;
                }

                continue;
            }

            if (!TryReadDigest(digestElement, out var digest) || !MarkSeen(digest))
            {
                return false;
            }

            if (!_disclosures.TryGetValue(digest, out var disclosure))
            {
                continue; // undisclosed elements are removed (§7.1 step 3.4)
            }

            if (disclosure.Name is not null)
            {
                return Fail(ErrorCodes.InvalidDisclosure, $"Disclosure {disclosure.Position} is an object property but is referenced from an array element.");
            }

            disclosure.Used = true;
            if (!Nested(disclosure))
            {
                return false;
            }
        }

        _writer.WriteEndArray();
        return true;
    }

    private bool Nested(ParsedDisclosure disclosure)
    {
        if (++_nesting > _maxNesting)
        {
            return Fail(ErrorCodes.TooLarge, "Disclosures are nested too deeply.");
        }

        bool ok = ProcessValue(disclosure.Value);
        _nesting--;
        return ok;
    }

    /// <summary>An array element <c>{"...": digest}</c> with no other member (§4.2.4.2).</summary>
    private static bool IsArrayDigest(JsonElement element, out JsonElement digest)
    {
        digest = default;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("..."u8, out digest))
        {
            return false;
        }

        int count = 0;
        foreach (var property in element.EnumerateObject())
        {
            count++;
        }

        return count == 1;
    }

    private bool TryReadDigest(JsonElement element, out Digest digest)
    {
        digest = default;
        if (element.ValueKind == JsonValueKind.String && Digest.TryParse(JsonRaw.StringContent(element), out digest))
        {
            return true;
        }

        return Fail(ErrorCodes.Malformed, "An embedded digest is not a base64url SHA-256 value.");
    }

    private bool MarkSeen(Digest digest) =>
        _seen.Add(digest) || Fail(ErrorCodes.DuplicateDigest, "The same digest appears more than once in the SD-JWT (RFC 9901 §7.1 step 4).");

    private bool Fail(string code, string message)
    {
        Error ??= new VerificationError(code, message);
        return false;
    }
}
