using System.Buffers;
using System.Text.Json;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Writes NDJSON lines into one reused buffer and hands it out in chunks of whole lines, so an export
/// holds at most one chunk (about <see cref="ChunkBytes"/>) however large it is.
/// </summary>
internal sealed class NdjsonChunker : IDisposable
{
    /// <summary>Well under gRPC's default 4 MiB message limit, big enough to amortise framing.</summary>
    internal const int ChunkBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new() { Indented = false };

    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes + (ChunkBytes / 4));
    private readonly Utf8JsonWriter _json;
    private bool _open;

    public NdjsonChunker()
    {
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public bool IsFull => _buffer.WrittenCount >= ChunkBytes;

    public bool IsEmpty => _buffer.WrittenCount == 0 && !_open;

    /// <summary>Starts a line: an object whose first property is <c>type</c>. The previous line is ended first.</summary>
    public Utf8JsonWriter Line(string type)
    {
        EndLine();
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _open = true;
        return _json;
    }

    /// <summary>Ends the open line, if any.</summary>
    public void EndLine()
    {
        if (!_open)
        {
            return;
        }

        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _json.Reset();
        _open = false;
    }

    /// <summary>The lines written so far, and an empty buffer for the next ones.</summary>
    public byte[] Take()
    {
        EndLine();
        var bytes = _buffer.WrittenSpan.ToArray();
        _buffer.Clear();
        return bytes;
    }

    public void Dispose() => _json.Dispose();
}
