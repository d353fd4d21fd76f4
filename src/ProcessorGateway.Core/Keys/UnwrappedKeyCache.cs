using System.Collections.Concurrent;

namespace ProcessorGateway.Core.Keys;

/// <summary>
/// A bounded, short-lived, in-process cache of unwrapped keys, namespaced by tenant. Unwrapping goes
/// through Data Protection and storage, so a hit saves a round trip and a key derivation; the bound
/// and the lifetime limit how much key material sits in memory and for how long.
/// </summary>
public sealed class UnwrappedKeyCache
{
    private readonly ConcurrentDictionary<(string Tenant, Guid Id), Entry> _entries = new();
    private readonly KeyCacheOptions _options;
    private readonly TimeProvider _time;

    public UnwrappedKeyCache(KeyCacheOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Capacity < 1 || options.Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("the key cache needs a positive capacity and lifetime", nameof(options));
        }

        _options = options;
        _time = time;
    }

    public int Count => _entries.Count;

    public bool TryGet(string tenantId, Guid keyId, out KeyMaterial key)
    {
        if (_entries.TryGetValue((tenantId, keyId), out var entry) && entry.ExpiresAt > _time.GetTimestamp())
        {
            key = entry.Key;
            return true;
        }

        key = null!;
        return false;
    }

    public KeyMaterial Add(KeyMaterial key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.Count >= _options.Capacity)
        {
            EvictExpiredOrOldest();
        }

        var expiresAt = _time.GetTimestamp() + (long)(_options.Lifetime.TotalSeconds * _time.TimestampFrequency);
        var entry = _entries.AddOrUpdate((key.TenantId, key.Reference.Id), _ => new Entry(key, expiresAt), (_, _) => new Entry(key, expiresAt));
        return entry.Key;
    }

    /// <summary>Removes every cached key of a tenant, e.g. after its keys change.</summary>
    public void EvictTenant(string tenantId)
    {
        foreach (var entry in _entries.Keys.Where(k => k.Tenant == tenantId))
        {
            _entries.TryRemove(entry, out _);
        }
    }

    private void EvictExpiredOrOldest()
    {
        var now = _time.GetTimestamp();
        var removed = false;
        foreach (var (slot, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                removed |= _entries.TryRemove(slot, out _);
            }
        }

        if (!removed && !_entries.IsEmpty)
        {
            var oldest = _entries.MinBy(e => e.Value.ExpiresAt).Key;
            _entries.TryRemove(oldest, out _);
        }
    }

    // Evicted keys are not disposed here: a request on another thread may still hold one. Their
    // bytes are dropped with the last reference; zeroing on eviction comes with lease counting.
    private sealed record Entry(KeyMaterial Key, long ExpiresAt);
}
