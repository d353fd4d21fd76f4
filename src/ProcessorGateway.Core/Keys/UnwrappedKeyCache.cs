using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Core.Keys;

/// <summary>
/// A bounded, short-lived, in-process cache of unwrapped keys, namespaced by tenant, with a second
/// index from subject to its key. Unwrapping goes through Data Protection and storage, so a hit saves
/// a round trip and a key derivation; the bound and the lifetime limit how much key material sits in
/// memory and for how long.
/// </summary>
public sealed class UnwrappedKeyCache
{
    // Counts only: which tenant or key was looked up is never recorded.
    private static readonly Counter<long> Hits = GatewayMeter.Meter.CreateCounter<long>("pg.key_cache.hits", "{lookup}", "Unwrapped-key cache look-ups served from memory");
    private static readonly Counter<long> Misses = GatewayMeter.Meter.CreateCounter<long>("pg.key_cache.misses", "{lookup}", "Unwrapped-key cache look-ups that had to unwrap from storage");

    private readonly ConcurrentDictionary<(string Tenant, Guid Id), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Tenant, string Subject), Guid> _subjects = new();
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

    /// <summary>A cached key, with a reference the caller must dispose.</summary>
    public bool TryGet(string tenantId, Guid keyId, out KeyMaterial key)
    {
        if (_entries.TryGetValue((tenantId, keyId), out var entry) && entry.ExpiresAt > _time.GetTimestamp() && entry.Key.TryAddReference())
        {
            key = entry.Key;
            Hits.Add(1);
            return true;
        }

        Misses.Add(1);
        key = null!;
        return false;
    }

    public bool TryGetSubject(string tenantId, string subjectId, out KeyMaterial key)
    {
        if (!_subjects.TryGetValue((tenantId, subjectId), out var keyId))
        {
            Misses.Add(1);
        }
        else if (TryGet(tenantId, keyId, out key))
        {
            return true;
        }

        key = null!;
        return false;
    }

    /// <summary>Caches the key under a reference of the cache's own; the caller keeps (and disposes) its own.</summary>
    public void Add(KeyMaterial key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.TryAddReference())
        {
            return;
        }

        if (_entries.Count >= _options.Capacity)
        {
            EvictExpiredOrOldest();
        }

        var expiresAt = _time.GetTimestamp() + (long)(_options.Lifetime.TotalSeconds * _time.TimestampFrequency);
        var slot = (key.TenantId, key.Reference.Id);
        Entry? replaced = null;
        _entries.AddOrUpdate(slot, _ => new Entry(key, expiresAt), (_, old) =>
        {
            replaced = old;
            return new Entry(key, expiresAt);
        });
        if (replaced is not null && !ReferenceEquals(replaced.Key, key))
        {
            replaced.Key.Dispose();
        }

        if (key.SubjectId is not null)
        {
            _subjects[(key.TenantId, key.SubjectId)] = key.Reference.Id;
        }
    }

    /// <summary>Removes these keys, e.g. once they are shredded.</summary>
    public void Evict(string tenantId, IEnumerable<Guid> keyIds)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        foreach (var keyId in keyIds)
        {
            Remove((tenantId, keyId));
        }
    }

    /// <summary>Removes every key: when this replica's lease lapsed or its registration was revoked.</summary>
    public void Clear()
    {
        foreach (var slot in _entries.Keys)
        {
            Remove(slot);
        }
    }

    /// <summary>Removes every cached key of a tenant, e.g. after its keys change.</summary>
    public void EvictTenant(string tenantId)
    {
        foreach (var slot in _entries.Keys.Where(k => k.Tenant == tenantId))
        {
            Remove(slot);
        }
    }

    private void Remove((string Tenant, Guid Id) slot)
    {
        if (!_entries.TryRemove(slot, out var entry))
        {
            return;
        }

        if (entry.Key.SubjectId is { } subject)
        {
            _subjects.TryRemove(new KeyValuePair<(string, string), Guid>((slot.Tenant, subject), slot.Id));
        }

        // The cache's reference: the bytes are wiped now, or when the last request using the key lets go.
        entry.Key.Dispose();
    }

    private void EvictExpiredOrOldest()
    {
        var now = _time.GetTimestamp();
        var removed = false;
        foreach (var (slot, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                Remove(slot);
                removed = true;
            }
        }

        if (!removed && !_entries.IsEmpty)
        {
            Remove(_entries.MinBy(e => e.Value.ExpiresAt).Key);
        }
    }

    private sealed record Entry(KeyMaterial Key, long ExpiresAt);
}
