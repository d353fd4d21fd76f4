using System.Collections.Concurrent;
using System.Globalization;

namespace ProcessorGateway.Load;

/// <summary>
/// One concurrent caller: its own random stream (from the run's seed), and the record ids it writes, reused
/// round and round so a long run does not grow the collections it measures, with the version each holds
/// (a gateway put replaces under the version it last wrote, as a careful client does).
/// </summary>
internal sealed class Caller(int index, int seed, int recordsPerCaller)
{
    private int _written;
    private int _nextPut;
    private int _nextBatch;

    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public int Index { get; } = index;

    public Random Random { get; } = new(HashCode.Combine(seed, index));

    public string NextPutId()
    {
        var k = _nextPut;
        _nextPut = (k + 1) % recordsPerCaller;
        _written = Math.Max(_written, k + 1);
        return RecordId(k);
    }

    /// <summary>A record this caller has written; the runner has every caller write one before it measures.</summary>
    public string ExistingId() => _written == 0
        ? throw new InvalidOperationException("the caller has written nothing yet")
        : RecordId(Random.Next(_written));

    public IReadOnlyList<string> NextBatchIds(int size)
    {
        var ids = new string[size];
        for (var i = 0; i < size; i++)
        {
            ids[i] = string.Create(CultureInfo.InvariantCulture, $"c{Index}-b{_nextBatch}");
            _nextBatch = (_nextBatch + 1) % recordsPerCaller;
        }

        return ids;
    }

    /// <summary>The version this caller last wrote to the record, or 0 when it has written none (create).</summary>
    public long VersionOf(string recordId) => _versions.GetValueOrDefault(recordId);

    public void Wrote(string recordId, long version) => _versions[recordId] = version;

    private string RecordId(int k) => string.Create(CultureInfo.InvariantCulture, $"c{Index}-r{k}");
}
