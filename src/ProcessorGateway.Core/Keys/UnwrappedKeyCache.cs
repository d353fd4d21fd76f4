using System.Collections.Concurrent;

namespace ProcessorGateway.Core.Keys;

/// <summary>
/// A bounded, short-lived, in-process cache of unwrapped keys, namespaced by tenant, with a second
/// index from subject to its key. Unwrapping goes through Data Protection and storage, so a hit saves
/// a round trip and a key derivation; the bound and the lifetime limit how much key material sits in
/// memory and for how long.
/// </summary>
public sealed class UnwrappedKeyCache
{
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

    public bool TryGetSubject(string tenantId, string subjectId, out KeyMaterial key)
    {
        if (_subjects.TryGetValue((tenantId, subjectId), out var keyId) && TryGet(tenantId, keyId, out key))
        {
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
        if (key.SubjectId is not null)
        {
            _subjects[(key.TenantId, key.SubjectId)] = key.Reference.Id;
        }

        return entry.Key;
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
        if (_entries.TryRemove(slot, out var entry) && entry.Key.SubjectId is { } subject)
        {
            _subjects.TryRemove(new KeyValuePair<(string, string), Guid>((slot.Tenant, subject), slot.Id));
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
                Remove(slot);
                removed = true;
            }
        }

        if (!removed && !_entries.IsEmpty)
        {
            Remove(_entries.MinBy(e => e.Value.ExpiresAt).Key);
        }
    }

    // Evicted keys are not disposed here: a request on another thread may still hold one. Their
    // bytes are dropped with the last reference; zeroing on eviction comes with lease counting.
    private sealed record Entry(KeyMaterial Key, long ExpiresAt);
}
