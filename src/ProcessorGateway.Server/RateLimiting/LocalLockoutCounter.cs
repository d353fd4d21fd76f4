using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// The lockout in this replica's memory: the whole of it without Redis (one replica), and the stand-in while
/// Redis is unreachable. Entries end with their window or lockout and are swept once the table grows.
/// </summary>
internal sealed class LocalLockoutCounter(IOptions<RateLimitOptions> options, TimeProvider time) : ILockoutCounter
{
    /// <summary>Past this many ids, ended entries are swept before a new one is added.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<bool> IsLockedAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult(_entries.TryGetValue(clientId, out var entry) && entry.IsLocked(now));
    }

    public Task<bool> CountFailureAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.Count > SweepAbove)
        {
            foreach (var (id, ended) in _entries.Where(e => e.Value.HasEnded(now)))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(id, ended));
            }
        }

        var lockout = options.Value.Lockout;
        return Task.FromResult(_entries.GetOrAdd(clientId, _ => new Entry()).Fail(now, lockout));
    }

    private sealed class Entry
    {
        private readonly Lock _lock = new();
        private int _failures;
        private DateTimeOffset _windowEnds;
        private DateTimeOffset _lockedUntil;

        public bool IsLocked(DateTimeOffset now)
        {
            lock (_lock)
            {
                return now < _lockedUntil;
            }
        }

        public bool HasEnded(DateTimeOffset now)
        {
            lock (_lock)
            {
                return now >= _windowEnds && now >= _lockedUntil;
            }
        }

        /// <summary>As the Redis script does: a failure while locked counts nothing; the one reaching the threshold locks and starts a new count.</summary>
        public bool Fail(DateTimeOffset now, LockoutOptions lockout)
        {
            lock (_lock)
            {
                if (now < _lockedUntil)
                {
                    return false;
                }

                if (now >= _windowEnds)
                {
                    _failures = 0;
                    _windowEnds = now + lockout.Window;
                }

                if (++_failures < lockout.Threshold)
                {
                    return false;
                }

                _failures = 0;
                _windowEnds = now;
                _lockedUntil = now + lockout.Duration;
                return true;
            }
        }
    }
}
