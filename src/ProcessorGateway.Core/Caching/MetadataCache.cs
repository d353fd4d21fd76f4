using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Core.Caching;

/// <summary>
/// A short-lived, in-process cache of the metadata every data call reads: whether its client is active, its
/// tenant, its collection's schema. Each of those is one MongoDB round trip per call without it. A change
/// evicts the entry here at once and, through the <see cref="IMetadataChannel"/>, on every other replica
/// within the message delay; a replica that is not listening reads through and keeps nothing, as the key
/// cache does without its lease. Holds no personal data and no key material.
/// </summary>
public sealed class MetadataCache(MetadataCacheOptions options, IMetadataChannel channel, TimeProvider time)
{
    private static readonly Counter<long> Hits = GatewayMeter.Meter.CreateCounter<long>("pg.metadata_cache.hits", "{lookup}", "Metadata look-ups served from memory, by kind");
    private static readonly Counter<long> Misses = GatewayMeter.Meter.CreateCounter<long>("pg.metadata_cache.misses", "{lookup}", "Metadata look-ups read from storage, by kind");

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _fillLock = new();

    // Bumped by every eviction, under _fillLock: a load that started before an eviction does not fill the cache
    // after it, so a value read just before a change cannot outlive the change's eviction.
    private long _generation;

    /// <summary>The cached value, or <paramref name="load"/>'s, which is cached unless it is <c>null</c>.</summary>
    public async Task<T?> GetOrLoadAsync<T>(MetadataKind kind, string id, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        var key = Key(kind, id);
        var tag = new KeyValuePair<string, object?>("kind", kind.ToString());
        var listening = channel.IsListening;
        if (listening && _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetTimestamp() && entry.Value is T cached)
        {
            Hits.Add(1, tag);
            return cached;
        }

        Misses.Add(1, tag);
        var generation = Interlocked.Read(ref _generation);
        var value = await load(cancellationToken).ConfigureAwait(false);
        if (value is null || !listening)
        {
            return value;
        }

        var expiresAt = time.GetTimestamp() + (long)(options.Lifetime.TotalSeconds * time.TimestampFrequency);
        lock (_fillLock)
        {
            if (generation == _generation && channel.IsListening)
            {
                if (_entries.Count >= options.Capacity)
                {
                    _entries.Clear();
                }

                _entries[key] = new Entry(value, expiresAt);
            }
        }

        return value;
    }

    /// <summary>
    /// After a change: evicts here, then tells the other replicas. When they cannot be told, waits out the
    /// lifetime, so that from the reply on no replica serves what was cached before the change.
    /// </summary>
    public async Task InvalidateAsync(MetadataKind kind, string id, CancellationToken cancellationToken)
    {
        var key = Key(kind, id);
        Evict(key);
        if (!await channel.PublishAsync(key, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(options.Lifetime, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Evicts one entry on this replica: for a change made here or heard from another replica.</summary>
    public void Evict(string key)
    {
        lock (_fillLock)
        {
            _generation++;
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>Evicts everything: when this replica may have missed a change (its channel dropped or came back).</summary>
    public void Clear()
    {
        lock (_fillLock)
        {
            _generation++;
            _entries.Clear();
        }
    }

    public static string Key(MetadataKind kind, string id) => $"{kind}:{id}";

    private sealed record Entry(object Value, long ExpiresAt);
}
