using System.Text;
using System.Text.Json;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>An export as the caller receives it: its chunks, and the NDJSON lines they carry.</summary>
internal sealed record ExportResult(IReadOnlyList<ExportChunk> Chunks, IReadOnlyList<JsonElement> Lines, string Text)
{
    public IEnumerable<JsonElement> OfType(string type) => Lines.Where(l => l.GetProperty("type").GetString() == type);

    public JsonElement Record(string collection, string recordId) =>
        Assert.Single(OfType("record"), r => r.GetProperty("collection").GetString() == collection && r.GetProperty("record_id").GetString() == recordId);

    public static async Task<ExportResult> ReadAsync(AsyncServerStreamingCall<ExportChunk> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using (call)
        {
            var chunks = new List<ExportChunk>();
            await foreach (var chunk in call.ResponseStream.ReadAllAsync().WithCancellation(CancellationToken.None))
            {
                chunks.Add(chunk);
            }

            var text = string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c.Ndjson.Span)));
            Assert.True(chunks.All(c => c.Ndjson.Length > 0 && c.Ndjson.Span[^1] == (byte)'\n'), "every chunk holds whole lines");
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            Assert.Equal("header", lines[0].GetProperty("type").GetString());
            Assert.Equal("trailer", lines[^1].GetProperty("type").GetString());
            return new ExportResult(chunks, lines, text);
        }
    }

    /// <summary>Reads the whole export within the usual bound.</summary>
    public static Task<ExportResult> Within(AsyncServerStreamingCall<ExportChunk> call) => ReadAsync(call).WaitAsync(RpcAssert.Timeout * 2);
}
