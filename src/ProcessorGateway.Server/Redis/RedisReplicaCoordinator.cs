using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Shredding;
using StackExchange.Redis;

namespace ProcessorGateway.Server.Redis;

/// <summary>
/// The cross-replica half of crypto-shredding (docs/design.md §4). Each replica registers in Redis with a short
/// lease that it renews only while its invalidation subscription is connected, and uses cached keys only
/// while the lease is fresh on its own monotonic clock. A shredder publishes the invalidation and waits
/// for every registered replica's acknowledgement; a silent replica has its registration revoked and its
/// lease waited out. With Redis unreachable, the shredder waits out the lease length.
/// </summary>
internal sealed class RedisReplicaCoordinator(
    IOptions<RedisOptions> options, RedisConnection connection, UnwrappedKeyCache cache, IServiceProvider services, ILogger<RedisReplicaCoordinator> logger)
    : BackgroundService, IReplicaLease, IReplicaInvalidator
{
    private readonly string _replicaId = Guid.NewGuid().ToString("N");
    private readonly string _replicasSet = $"{options.Value.InstanceName}:replicas";
    private readonly string _leasePrefix = $"{options.Value.InstanceName}:replica:";
    private readonly string _ackPrefix = $"{options.Value.InstanceName}:ack:";
    private readonly RedisChannel _invalidateChannel = RedisChannel.Literal($"{options.Value.InstanceName}:invalidate");
    private ConnectionMultiplexer? _redis;
    private long _leaseValidUntil;
    private bool _registered;

    /// <summary>For readiness: whether the connection to Redis is up right now.</summary>
    public bool IsConnected => _redis?.IsConnected == true;

    public bool CanUseCachedKeys => Stopwatch.GetTimestamp() < Interlocked.Read(ref _leaseValidUntil);

    private TimeSpan LeaseLength => options.Value.LeaseLength;

    public async Task<InvalidationOutcome> InvalidateAsync(string tenantId, IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            return await WaitOutLeasesAsync("not connected", cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await InvalidateThroughRedisAsync(redis, tenantId, keyIds, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return await WaitOutLeasesAsync(e.GetType().Name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Nobody can be asked: wait until every replica's lease, and so its right to cached keys, has lapsed.</summary>
    private async Task<InvalidationOutcome> WaitOutLeasesAsync(string cause, CancellationToken cancellationToken)
    {
        GatewayLog.RedisDownDuringShred(logger, cause);
        RedisMetrics.LeaseWait(RedisMetrics.RedisUnreachable);
        await Task.Delay(LeaseLength, cancellationToken).ConfigureAwait(false);
        return new InvalidationOutcome(0, 0, LeaseLength,
            $"Redis was unreachable, so the reply waited out the lease length ({LeaseLength.TotalSeconds:0.#} s): every replica's cached keys have lapsed");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RedisMetrics.ConnectedGauge(() => IsConnected);
        _redis = await connection.ConnectAsync().ConfigureAwait(false);
        var subscriber = _redis.GetSubscriber();
        var subscribed = false;
        using var renewals = new PeriodicTimer(LeaseLength / 3);
        do
        {
            try
            {
                // Once made, the subscription is restored by the multiplexer after every reconnect.
                if (!subscribed)
                {
                    await subscriber.SubscribeAsync(_invalidateChannel, (_, message) => OnInvalidation(message, stoppingToken)).ConfigureAwait(false);
                    subscribed = true;
                }

                await RenewAsync(subscriber, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                GatewayLog.LeaseRenewalFailed(logger, e.GetType().Name);
            }

            if (!CanUseCachedKeys && cache.Count > 0)
            {
                cache.Clear();
                GatewayLog.LeaseLapsed(logger);
            }
        }
        while (await renewals.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_redis is not null)
        {
            try
            {
                var database = _redis.GetDatabase();
                await database.KeyDeleteAsync(_leasePrefix + _replicaId).ConfigureAwait(false);
                await database.SetRemoveAsync(_replicasSet, _replicaId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The lease expires by itself; a shredder that finds it gone does not wait for this replica.
                GatewayLog.LeaseRenewalFailed(logger, e.GetType().Name);
            }
        }
    }

    private async Task RenewAsync(ISubscriber subscriber, CancellationToken cancellationToken)
    {
        // Renew only while subscribed: a replica that cannot hear invalidations must not keep its right to cached keys.
        if (!subscriber.IsConnected(_invalidateChannel))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var database = _redis!.GetDatabase();
        var leaseKey = _leasePrefix + _replicaId;
        if (!await database.StringSetAsync(leaseKey, "1", LeaseLength, When.Exists).ConfigureAwait(false))
        {
            if (_registered)
            {
                // Revoked by a shredder (or expired): this replica may have missed an eviction.
                cache.Clear();
                GatewayLog.RegistrationRevoked(logger);
            }

            await database.StringSetAsync(leaseKey, "1", LeaseLength).ConfigureAwait(false);
            await database.SetAddAsync(_replicasSet, _replicaId).ConfigureAwait(false);
            _registered = true;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Measured from before the renewal was sent, so this replica's view always ends before Redis's.
        Interlocked.Exchange(ref _leaseValidUntil, started + (long)(LeaseLength.TotalSeconds * Stopwatch.Frequency));
    }

    private void OnInvalidation(RedisValue payload, CancellationToken cancellationToken) =>
        _ = OnInvalidationAsync(payload, cancellationToken);

    private async Task OnInvalidationAsync(RedisValue payload, CancellationToken cancellationToken)
    {
        try
        {
            var message = JsonSerializer.Deserialize<InvalidationMessage>(payload.ToString());
            if (message is null)
            {
                return;
            }

            var keyring = services.GetRequiredService<TenantKeyring>();
            await keyring.EvictAsync(message.TenantId, message.KeyIds.ToList(), cancellationToken).ConfigureAwait(false);
            await _redis!.GetSubscriber().PublishAsync(RedisChannel.Literal(_ackPrefix + message.ShredId), _replicaId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException or ObjectDisposedException or OperationCanceledException)
        {
            // No acknowledgement: the shredder revokes this replica and waits out its lease instead.
            GatewayLog.InvalidationFailed(logger, e.GetType().Name);
        }
    }

    private async Task<InvalidationOutcome> InvalidateThroughRedisAsync(
        ConnectionMultiplexer redis, string tenantId, IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in await database.SetMembersAsync(_replicasSet).ConfigureAwait(false))
        {
            var replica = member.ToString();
            if (replica == _replicaId)
            {
                continue;
            }

            if (await database.KeyExistsAsync(_leasePrefix + replica).ConfigureAwait(false))
            {
                expected.Add(replica);
            }
            else
            {
                // Its lease is gone, so it holds no usable cache; it re-registers with an empty one.
                await database.SetRemoveAsync(_replicasSet, replica).ConfigureAwait(false);
            }
        }

        if (expected.Count == 0)
        {
            return new InvalidationOutcome(0, 0, TimeSpan.Zero, "no other replica was registered");
        }

        var shredId = Guid.NewGuid().ToString("N");
        var acknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var everyone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.GetSubscriber();
        var ackChannel = RedisChannel.Literal(_ackPrefix + shredId);
        await subscriber.SubscribeAsync(ackChannel, (_, replica) =>
        {
            acknowledged[replica.ToString()] = true;
            if (expected.All(acknowledged.ContainsKey))
            {
                everyone.TrySetResult();
            }
        }).ConfigureAwait(false);
        try
        {
            await subscriber.PublishAsync(_invalidateChannel, JsonSerializer.Serialize(new InvalidationMessage(shredId, tenantId, [.. keyIds]))).ConfigureAwait(false);
            await Task.WhenAny(everyone.Task, Task.Delay(options.Value.AcknowledgementTimeout, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await subscriber.UnsubscribeAsync(ackChannel).ConfigureAwait(false);
        }

        var silent = expected.Where(r => !acknowledged.ContainsKey(r)).ToList();
        if (silent.Count == 0)
        {
            return new InvalidationOutcome(expected.Count, 0, TimeSpan.Zero, $"all {expected.Count} other replica(s) acknowledged the eviction");
        }

        foreach (var replica in silent)
        {
            await database.KeyDeleteAsync(_leasePrefix + replica).ConfigureAwait(false);
            await database.SetRemoveAsync(_replicasSet, replica).ConfigureAwait(false);
        }

        GatewayLog.SilentReplicasRevoked(logger, silent.Count);
        RedisMetrics.LeaseWait(RedisMetrics.SilentReplica);
        await Task.Delay(LeaseLength, cancellationToken).ConfigureAwait(false);
        return new InvalidationOutcome(expected.Count - silent.Count, silent.Count, LeaseLength,
            $"{silent.Count} replica(s) did not acknowledge within {options.Value.AcknowledgementTimeout.TotalSeconds:0.#} s: " +
            $"their registration was revoked and the reply waited out the lease length ({LeaseLength.TotalSeconds:0.#} s)");
    }
}
