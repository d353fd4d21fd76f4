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
/// <remarks>
/// Every entry lives for the same lifetime from when it was added, so the order of adding is the order of
/// expiry: a queue in that order finds the entry to evict, or the ones expired, in constant time, however
/// many keys the cache holds. Lookups take no lock; adds (which follow a storage read and an unwrap) take one.
/// </remarks>
public sealed class UnwrappedKeyCache
{
    // Counts only: which tenant or key was looked up is never recorded.
    private static readonly Counter<long> Hits = GatewayMeter.Meter.CreateCounter<long>("pg.key_cache.hits", "{lookup}", "Unwrapped-key cache look-ups served from memory");
    private static readonly Counter<long> Misses = GatewayMeter.Meter.CreateCounter<long>("pg.key_cache.misses", "{lookup}", "Unwrapped-key cache look-ups that had to unwrap from storage");

    private readonly ConcurrentDictionary<(string Tenant, Guid Id), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Tenant, string Subject), Guid> _subjects = new();

    // Guarded by _addLock. Holds every live entry in the order added, and entries since evicted or replaced,
    // which are skipped when they reach the head.
    private readonly Queue<((string Tenant, Guid Id) Slot, Entry Entry)> _byExpiry = new();
    private readonly Lock _addLock = new();
    private readonly KeyCacheOptions _options;
    private readonly TimeProvider _time;

    // ConcurrentDictionary.Count takes every one of its locks, tens of microseconds once the table has
    // grown; the cache keeps its own count.
    private int _count;

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

    public int Count => Volatile.Read(ref _count);

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

        var now = _time.GetTimestamp();
        var slot = (key.TenantId, key.Reference.Id);
        var entry = new Entry(key, now + (long)(_options.Lifetime.TotalSeconds * _time.TimestampFrequency));
        Entry? replaced = null;
        lock (_addLock)
        {
            RemoveExpired(now);
            if (!_entries.ContainsKey(slot) && Count >= _options.Capacity)
            {
                EvictOldest();
            }

            _entries.AddOrUpdate(slot, _ => entry, (_, old) =>
            {
                replaced = old;
                return entry;
            });
            if (replaced is null)
            {
                Interlocked.Increment(ref _count);
            }

            _byExpiry.Enqueue((slot, entry));
        }

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
            if (_entries.TryGetValue((tenantId, keyId), out var entry))
            {
                Remove((tenantId, keyId), entry);
            }
        }
    }

    /// <summary>Removes every key: when this replica's lease lapsed or its registration was revoked.</summary>
    public void Clear()
    {
        foreach (var (slot, entry) in _entries)
        {
            Remove(slot, entry);
        }

        lock (_addLock)
        {
            // Entries added since the sweep are still live, so only the head of dead ones can go.
            RemoveExpired(_time.GetTimestamp());
        }
    }

    /// <summary>Removes every cached key of a tenant, e.g. after its keys change.</summary>
    public void EvictTenant(string tenantId)
    {
        foreach (var (slot, entry) in _entries.Where(e => e.Key.Tenant == tenantId))
        {
            Remove(slot, entry);
        }
    }

    /// <summary>Drops, from the head of the queue, entries already gone and entries expired. Under _addLock.</summary>
    private void RemoveExpired(long now)
    {
        while (_byExpiry.TryPeek(out var head) && (!IsLive(head) || head.Entry.ExpiresAt <= now))
        {
            _byExpiry.Dequeue();
            Remove(head.Slot, head.Entry);
        }
    }

    /// <summary>Evicts the live entry added first, which is the soonest to expire. Under _addLock.</summary>
    private void EvictOldest()
    {
        while (_byExpiry.TryDequeue(out var head))
        {
            if (Remove(head.Slot, head.Entry))
            {
                return;
            }
        }
    }

    private bool IsLive(((string Tenant, Guid Id) Slot, Entry Entry) queued) =>
        _entries.TryGetValue(queued.Slot, out var current) && ReferenceEquals(current, queued.Entry);

    /// <summary>Removes this entry if it is still the one cached under the slot.</summary>
    private bool Remove((string Tenant, Guid Id) slot, Entry entry)
    {
        if (!_entries.TryRemove(new KeyValuePair<(string, Guid), Entry>(slot, entry)))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        if (entry.Key.SubjectId is { } subject)
        {
            _subjects.TryRemove(new KeyValuePair<(string, string), Guid>((slot.Tenant, subject), slot.Id));
        }

        // The cache's reference: the bytes are wiped now, or when the last request using the key lets go.
        entry.Key.Dispose();
        return true;
    }

    /// <summary>A class, not a record: the queue tells a live entry from a replaced one by identity.</summary>
    private sealed class Entry(KeyMaterial key, long expiresAt)
    {
        public KeyMaterial Key { get; } = key;

        public long ExpiresAt { get; } = expiresAt;
    }
}
