using System.Globalization;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Redis;
using StackExchange.Redis;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// The lockout counted across replicas in Redis: per client id, a failure count that lives one window and a lock
/// that lives one lockout, both with a TTL, both holding an id and a number only. One script counts and locks, so
/// exactly one failure, on one replica, starts each lockout.
/// <para>
/// Redis unreachable: local only, not closed. Refusing every token while Redis is down would turn a Redis outage into
/// an outage of the gateway for every client; counting in this replica's memory still locks an id after the threshold
/// on each replica, and the per-address, per-client and secret-check limits do not depend on Redis at all.
/// </para>
/// </summary>
internal sealed class RedisLockoutCounter(
    RedisConnection connection, IOptions<RedisOptions> redis, IOptions<RateLimitOptions> options, LocalLockoutCounter local,
    ILogger<RedisLockoutCounter> logger) : ILockoutCounter
{
    // KEYS[1] the failure count, KEYS[2] the lock; ARGV: window ms, threshold, lockout ms. A failure while locked counts nothing.
    private const string CountScript = """
        if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
        local failures = redis.call('INCR', KEYS[1])
        if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        if failures < tonumber(ARGV[2]) then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
        return 1
        """;

    private readonly string _prefix = $"{redis.Value.InstanceName}:lockout:";
    private int _degraded;

    public async Task<bool> IsLockedAsync(string clientId, CancellationToken cancellationToken)
    {
        // A lockout counted here while Redis was away lasts its full time after Redis comes back.
        if (await local.IsLockedAsync(clientId, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        if (database is not null)
        {
            try
            {
                var locked = await database.KeyExistsAsync(_prefix + "locked:" + clientId).ConfigureAwait(false);
                Recovered();
                return locked;
            }
            catch (Exception e) when (e is RedisException or RedisTimeoutException)
            {
                Degraded(e);
            }
        }

        return false;
    }

    public async Task<bool> CountFailureAsync(string clientId, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        if (database is not null)
        {
            var lockout = options.Value.Lockout;
            try
            {
                var started = await database.ScriptEvaluateAsync(CountScript,
                    [_prefix + "failures:" + clientId, _prefix + "locked:" + clientId],
                    [Milliseconds(lockout.Window), lockout.Threshold, Milliseconds(lockout.Duration)]).ConfigureAwait(false);
                Recovered();
                return (long)started == 1;
            }
            catch (Exception e) when (e is RedisException or RedisTimeoutException)
            {
                Degraded(e);
            }
        }

        return await local.CountFailureAsync(clientId, cancellationToken).ConfigureAwait(false);
    }

    private static RedisValue Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>Null while disconnected: the multiplexer would otherwise hold each command in its backlog until it times out.</summary>
    private async Task<IDatabase?> DatabaseAsync()
    {
        var multiplexer = await connection.ConnectAsync().ConfigureAwait(false);
        if (multiplexer.IsConnected)
        {
            return multiplexer.GetDatabase();
        }

        Degraded(null);
        return null;
    }

    /// <summary>Logged once when Redis goes, and once when it comes back, however many requests pass in between.</summary>
    private void Degraded(Exception? e)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            GatewayLog.LockoutCountedLocally(logger, e?.GetType().Name ?? "disconnected");
        }
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            GatewayLog.LockoutCountedInRedis(logger);
        }
    }
}
