using System.Buffers.Text;
using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Legitka.Credentials.SdJwt;

/// <summary>
/// Writes an SD-JWT payload and its Disclosures in one pass (RFC 9901 §4.2), like a
/// <see cref="Utf8JsonWriter"/> where each member or array element can be made selectively disclosable.
/// <para>
/// Disclosable objects and arrays are written into their own Disclosure, and their members can be
/// disclosable again (recursive disclosures, §4.2.6). Every object with hidden members gets an
/// <c>_sd</c> array, sorted so that it does not reveal claim order, plus any decoys asked for.
/// Salts are 128 random bits (§9.3). Reuse an instance with <see cref="Reset"/>; it is not thread-safe.
/// </para>
/// </summary>
public sealed class SdJwtPayloadWriter : IDisposable
{
    private const int SaltBytes = 16;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly SearchValues<char> MediaTypeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+.-");

    private readonly ArrayBufferWriter<byte> _payload = new(4096);
    private readonly Utf8JsonWriter _payloadWriter;
    private readonly ArrayBufferWriter<byte> _disclosures = new(32 * 1024);
    private readonly ArrayBufferWriter<byte> _leaf = new(32 * 1024);
    private readonly Utf8JsonWriter _leafWriter;
    private readonly List<Frame> _frames = [];
    private readonly Stack<Frame> _spare = new();
    private readonly byte[] _random = new byte[1024];
    private int _randomPosition;
    private bool _finished;

    public SdJwtPayloadWriter()
    {
        _payloadWriter = new Utf8JsonWriter(_payload, WriterOptions);
        _leafWriter = new Utf8JsonWriter(_leaf, WriterOptions);
        _randomPosition = _random.Length;
    }

    private enum FrameKind
    {
        Object,
        Array,
    }

    /// <summary>How many Disclosures have been written so far.</summary>
    public int DisclosureCount { get; private set; }

    internal ReadOnlySpan<byte> PayloadJson => _finished ? _payload.WrittenSpan : throw new InvalidOperationException("The payload has not been closed.");

    /// <summary>The Disclosures, each followed by <c>~</c>.</summary>
    internal ReadOnlySpan<byte> DisclosuresSegment => _disclosures.WrittenSpan;

    public void Reset()
    {
        _payload.ResetWrittenCount();
        _payloadWriter.Reset(_payload);
        _disclosures.ResetWrittenCount();
        foreach (var frame in _frames)
        {
            Recycle(frame);
        }

        _frames.Clear();
        DisclosureCount = 0;
        _finished = false;
    }

    /// <summary>Starts the top-level claims object.</summary>
    public void WriteStartObject()
    {
        if (_frames.Count != 0 || _finished)
        {
            throw new InvalidOperationException("The payload object was already started.");
        }

        _payloadWriter.WriteStartObject();
        _frames.Add(RentFrame(FrameKind.Object, _payloadWriter, buffer: null, disclosable: false));
    }

    /// <summary>Starts an object member; if <paramref name="disclosable"/>, the whole object is one Disclosure.</summary>
    public void WriteStartObject(string name, bool disclosable) => StartContainer(FrameKind.Object, name, disclosable);

    /// <summary>Starts an array member; if <paramref name="disclosable"/>, the whole array is one Disclosure.</summary>
    public void WriteStartArray(string name, bool disclosable) => StartContainer(FrameKind.Array, name, disclosable);

    /// <summary>Starts an object as an array element; if <paramref name="disclosable"/>, the element is one Disclosure.</summary>
    public void WriteStartObjectElement(bool disclosable) => StartContainer(FrameKind.Object, name: null, disclosable);

    /// <summary>Closes the current object, writing its sorted <c>_sd</c> digests and <paramref name="decoys"/> decoy digests.</summary>
    public void WriteEndObject(int decoys = 0)
    {
        var frame = Pop(FrameKind.Object);
        for (int i = 0; i < decoys; i++)
        {
            frame.Digests.Add(NewDecoy());
        }

        var writer = frame.Writer;
        if (frame.Digests.Count > 0)
        {
            frame.Digests.Sort();
            writer.WriteStartArray("_sd"u8);
            Span<byte> encoded = stackalloc byte[Digest.EncodedLength];
            foreach (var digest in frame.Digests)
            {
                digest.Encode(encoded);
                writer.WriteStringValue(encoded);
            }

            writer.WriteEndArray();
        }

        if (_frames.Count == 0)
        {
            writer.WriteString("_sd_alg"u8, "sha-256"u8);
        }

        writer.WriteEndObject();
        CloseFrame(frame);
    }

    /// <summary>Closes the current array; <paramref name="decoys"/> decoy elements are appended (RFC 9901 §4.2.5).</summary>
    public void WriteEndArray(int decoys = 0)
    {
        var frame = Pop(FrameKind.Array);
        for (int i = 0; i < decoys; i++)
        {
            WriteArrayDigest(frame.Writer, NewDecoy());
        }

        frame.Writer.WriteEndArray();
        CloseFrame(frame);
    }

    public void WriteString(string name, string value, bool disclosable)
    {
        var writer = BeginMember(name, disclosable);
        writer.WriteStringValue(value);
        EndLeaf(disclosable);
    }

    public void WriteNumber(string name, long value, bool disclosable)
    {
        var writer = BeginMember(name, disclosable);
        writer.WriteNumberValue(value);
        EndLeaf(disclosable);
    }

    public void WriteBoolean(string name, bool value, bool disclosable)
    {
        var writer = BeginMember(name, disclosable);
        writer.WriteBooleanValue(value);
        EndLeaf(disclosable);
    }

    /// <summary>Writes binary data as a <c>data:</c> URI, as SD-JWT VC §3.2.2.2 recommends for images.</summary>
    public void WriteDataUri(string name, string mediaType, ReadOnlySpan<byte> data, bool disclosable)
    {
        if (mediaType.AsSpan().ContainsAnyExcept(MediaTypeCharacters))
        {
            throw new ArgumentException("A media type is written without escaping, so it must be a plain type/subtype.", nameof(mediaType));
        }

        var writer = BeginMember(name, disclosable);
        int length = 1 + 5 + mediaType.Length + 8 + Base64.GetMaxEncodedToUtf8Length(data.Length) + 1;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            // Built as a finished JSON string: base64 and the media type need no escaping, so the writer can skip its scan.
            int position = System.Text.Encoding.ASCII.GetBytes($"\"data:{mediaType};base64,", rented);
            Base64.EncodeToUtf8(data, rented.AsSpan(position), out _, out int written);
            position += written;
            rented[position++] = (byte)'"';
            writer.WriteRawValue(rented.AsSpan(0, position), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        EndLeaf(disclosable);
    }

    /// <summary>Writes an already-serialized JSON value (validated by the writer).</summary>
    public void WriteRawValue(string name, ReadOnlySpan<byte> json, bool disclosable)
    {
        var writer = BeginMember(name, disclosable);
        writer.WriteRawValue(json);
        EndLeaf(disclosable);
    }

    public void WriteStringElement(string value, bool disclosable)
    {
        var writer = BeginElement(disclosable);
        writer.WriteStringValue(value);
        EndLeaf(disclosable);
    }

    public void WriteRawElement(ReadOnlySpan<byte> json, bool disclosable)
    {
        var writer = BeginElement(disclosable);
        writer.WriteRawValue(json);
        EndLeaf(disclosable);
    }

    public void Dispose()
    {
        _payloadWriter.Dispose();
        _leafWriter.Dispose();
        foreach (var frame in _frames.Concat(_spare))
        {
            if (frame.Buffer is not null)
            {
                frame.Writer.Dispose();
            }
        }
    }

    private static void WriteArrayDigest(Utf8JsonWriter writer, Digest digest)
    {
        Span<byte> encoded = stackalloc byte[Digest.EncodedLength];
        digest.Encode(encoded);
        writer.WriteStartObject();
        writer.WriteString("..."u8, encoded);
        writer.WriteEndObject();
    }

    private static void CheckName(string name)
    {
        if (name is "_sd" or "...")
        {
            throw new ArgumentException("'_sd' and '...' are reserved by RFC 9901.", nameof(name));
        }
    }

    private Frame Current(FrameKind kind)
    {
        if (_frames.Count == 0 || _frames[^1].Kind != kind)
        {
            throw new InvalidOperationException($"Expected to be inside an {kind.ToString().ToUpperInvariant()}.");
        }

        return _frames[^1];
    }

    private Frame Pop(FrameKind kind)
    {
        var frame = Current(kind);
        _frames.RemoveAt(_frames.Count - 1);
        return frame;
    }

    private void StartContainer(FrameKind kind, string? name, bool disclosable)
    {
        Utf8JsonWriter parent;
        if (name is null)
        {
            parent = Current(FrameKind.Array).Writer;
        }
        else
        {
            CheckName(name);
            parent = Current(FrameKind.Object).Writer;
        }

        if (!disclosable)
        {
            if (name is not null)
            {
                parent.WritePropertyName(name);
            }

            StartValue(parent, kind);
            _frames.Add(RentFrame(kind, parent, buffer: null, disclosable: false));
            return;
        }

        var frame = _spare.Count > 0 ? _spare.Pop() : NewDisclosureFrame();
        frame.Buffer!.ResetWrittenCount();
        frame.Writer.Reset(frame.Buffer);
        frame.Kind = kind;
        frame.Disclosable = true;
        frame.Digests.Clear();
        frame.Writer.WriteStartArray();
        WriteSalt(frame.Writer);
        if (name is not null)
        {
            frame.Writer.WriteStringValue(name);
        }

        StartValue(frame.Writer, kind);
        _frames.Add(frame);
    }

    private static void StartValue(Utf8JsonWriter writer, FrameKind kind)
    {
        if (kind == FrameKind.Object)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartArray();
        }
    }

    private void CloseFrame(Frame frame)
    {
        if (!frame.Disclosable)
        {
            Recycle(frame);
            if (_frames.Count == 0)
            {
                _payloadWriter.Flush();
                _finished = true;
            }

            return;
        }

        frame.Writer.WriteEndArray();
        frame.Writer.Flush();
        Attach(AppendDisclosure(frame.Buffer!.WrittenSpan));
        Recycle(frame);
    }

    private Utf8JsonWriter BeginMember(string name, bool disclosable)
    {
        CheckName(name);
        var frame = Current(FrameKind.Object);
        if (!disclosable)
        {
            frame.Writer.WritePropertyName(name);
            return frame.Writer;
        }

        StartLeafDisclosure();
        _leafWriter.WriteStringValue(name);
        return _leafWriter;
    }

    private Utf8JsonWriter BeginElement(bool disclosable)
    {
        var frame = Current(FrameKind.Array);
        if (!disclosable)
        {
            return frame.Writer;
        }

        StartLeafDisclosure();
        return _leafWriter;
    }

    private void StartLeafDisclosure()
    {
        _leaf.ResetWrittenCount();
        _leafWriter.Reset(_leaf);
        _leafWriter.WriteStartArray();
        WriteSalt(_leafWriter);
    }

    private void EndLeaf(bool disclosable)
    {
        if (!disclosable)
        {
            return;
        }

        _leafWriter.WriteEndArray();
        _leafWriter.Flush();
        Attach(AppendDisclosure(_leaf.WrittenSpan));
    }

    /// <summary>Records a new Disclosure's digest where it belongs: in the parent's <c>_sd</c>, or in place in an array.</summary>
    private void Attach(Digest digest)
    {
        var parent = _frames[^1];
        if (parent.Kind == FrameKind.Object)
        {
            parent.Digests.Add(digest);
        }
        else
        {
            WriteArrayDigest(parent.Writer, digest);
        }
    }

    /// <summary>base64url-encodes the Disclosure JSON after the previous ones and hashes the encoded form (RFC 9901 §4.2.3).</summary>
    private Digest AppendDisclosure(ReadOnlySpan<byte> json)
    {
        int encodedLength = Base64Url.GetEncodedLength(json.Length);
        var span = _disclosures.GetSpan(encodedLength + 1);
        Base64Url.EncodeToUtf8(json, span);
        var digest = Digest.Of(span[..encodedLength]);
        span[encodedLength] = (byte)'~';
        _disclosures.Advance(encodedLength + 1);
        DisclosureCount++;
        return digest;
    }

    private void WriteSalt(Utf8JsonWriter writer)
    {
        Span<byte> encoded = stackalloc byte[22];
        Base64Url.EncodeToUtf8(NextRandom(SaltBytes), encoded);
        writer.WriteStringValue(encoded);
    }

    /// <summary>A decoy is the hash of a random value (RFC 9901 §4.2.5), indistinguishable from a real digest.</summary>
    private Digest NewDecoy() => Digest.Of(NextRandom(SaltBytes));

    /// <summary>Random bytes drawn from a refilled block: one RNG call per many salts.</summary>
    private ReadOnlySpan<byte> NextRandom(int count)
    {
        if (_randomPosition + count > _random.Length)
        {
            RandomNumberGenerator.Fill(_random);
            _randomPosition = 0;
        }

        var result = _random.AsSpan(_randomPosition, count);
        _randomPosition += count;
        return result;
    }

    private Frame RentFrame(FrameKind kind, Utf8JsonWriter writer, ArrayBufferWriter<byte>? buffer, bool disclosable) =>
        new() { Kind = kind, Writer = writer, Buffer = buffer, Disclosable = disclosable };

    private static Frame NewDisclosureFrame()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        return new Frame { Buffer = buffer, Writer = new Utf8JsonWriter(buffer, WriterOptions) };
    }

    private void Recycle(Frame frame)
    {
        if (frame.Buffer is not null)
        {
            _spare.Push(frame);
        }
    }

    private sealed class Frame
    {
        public FrameKind Kind { get; set; }

        public bool Disclosable { get; set; }

        public required Utf8JsonWriter Writer { get; init; }

        public ArrayBufferWriter<byte>? Buffer { get; init; }

        public List<Digest> Digests { get; } = [];
    }
}
