using System.Runtime.InteropServices;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Counts unauthenticated refusals per <see cref="RefusalKey"/> between flushes, in bounded memory. The first refusal
/// of a key is the caller's to write at once (so a lone probe shows in the log without delay); later ones are counted
/// here and written as one event with their count when the interval ends (<see cref="Drain"/>). A key that was counted
/// stays known for one more interval, so a flood that goes on is one event per interval, not two.
/// At most <c>maxSources</c> keys name a source; refusals of new sources beyond that are counted under
/// <see cref="OverflowSource"/> (one bucket per action, status and reason: a short, fixed list), so a flood from
/// spoofed or rotating addresses cannot grow the map.
/// </summary>
public sealed class RefusalTally
{
    /// <summary>The source of refusals counted once the tally is full.</summary>
    public const string OverflowSource = "*";

    private readonly Lock _gate = new();
    private readonly int _maxSources;
    private Dictionary<RefusalKey, long> _counts = [];
    private int _sources;

    public RefusalTally(int maxSources)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSources, 1);
        _maxSources = maxSources;
    }

    /// <summary>Keys held now, the overflow buckets included.</summary>
    public int Keys
    {
        get
        {
            lock (_gate)
            {
                return _counts.Count;
            }
        }
    }

    /// <summary>
    /// One refusal. Returns the key it belongs to (its own, or its overflow bucket) and whether it is the first of that key
    /// in this interval: the caller writes that one itself, with count 1; any other is counted here.
    /// </summary>
    public (RefusalKey Key, bool First) Count(RefusalKey key)
    {
        lock (_gate)
        {
            var counted = Place(key);
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, counted, out var known);
            if (!known)
            {
                return (counted, true);
            }

            count++;
            return (counted, false);
        }
    }

    /// <summary>The first refusal of a key could not be written: the next one is the first again.</summary>
    public void Forget(RefusalKey key)
    {
        lock (_gate)
        {
            if (_counts.TryGetValue(key, out var count) && count == 0 && _counts.Remove(key) && key.Source != OverflowSource)
            {
                _sources--;
            }
        }
    }

    /// <summary>
    /// The refusals counted since the last drain, per key, to be written as one event each. Keys with nothing counted
    /// are let go (their next refusal is written at once again); counted ones stay known, at zero, for one interval.
    /// </summary>
    public IReadOnlyList<KeyValuePair<RefusalKey, long>> Drain()
    {
        lock (_gate)
        {
            var due = _counts.Where(c => c.Value > 0).ToList();
            _counts = due.ToDictionary(c => c.Key, _ => 0L);
            _sources = due.Count(c => c.Key.Source != OverflowSource);
            return due;
        }
    }

    /// <summary>Counts a drain took that could not be written: they go with the next one.</summary>
    public void Restore(RefusalKey key, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, Place(key), out _) += count;
        }
    }

    /// <summary>The key a refusal is counted under; adds a source to the count when it is a new one within the bound. Under the lock.</summary>
    private RefusalKey Place(RefusalKey key)
    {
        if (key.Source == OverflowSource || _counts.ContainsKey(key))
        {
            return key;
        }

        if (_sources >= _maxSources)
        {
            return key with { Source = OverflowSource };
        }

        _sources++;
        return key;
    }
}
