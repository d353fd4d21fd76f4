using System.Text;
using System.Text.Json;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Core.Tests.Subjects;

public sealed class NdjsonChunkerTests
{
    [Fact]
    public void Lines_are_whole_json_objects_each_ending_in_a_newline_with_type_first()
    {
        using var chunker = new NdjsonChunker();
        chunker.Line("header").WriteString("tenant_id", "oak");
        var record = chunker.Line("record");
        record.WriteString("name", "line \"two\"\nwith a newline inside");

        var text = Encoding.UTF8.GetString(chunker.Take());

        var lines = text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal("{\"type\":\"header\",\"tenant_id\":\"oak\"}", lines[0]);
        Assert.Equal("line \"two\"\nwith a newline inside", JsonDocument.Parse(lines[1]).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void Take_empties_the_buffer_so_the_next_chunk_holds_only_new_lines_and_is_full_only_past_the_chunk_size()
    {
        using var chunker = new NdjsonChunker();
        var filler = new string('x', 1000);
        var written = 0;
        while (!chunker.IsFull)
        {
            chunker.Line("record").WriteString("value", filler);
            chunker.EndLine();
            written++;
        }

        var first = chunker.Take();
        Assert.True(first.Length >= NdjsonChunker.ChunkBytes && first.Length < NdjsonChunker.ChunkBytes + 1100, $"chunk of {first.Length} bytes");
        Assert.Equal(written, first.Count(b => b == (byte)'\n'));
        Assert.True(chunker.IsEmpty);

        chunker.Line("trailer").WriteNumber("records", written);
        Assert.Equal($"{{\"type\":\"trailer\",\"records\":{written}}}\n", Encoding.UTF8.GetString(chunker.Take()));
    }
}
