using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Caching;
using StackExchange.Redis;

namespace ProcessorGateway.Server.Redis;

/// <summary>
/// Tells every replica when a tenant, schema or client changed, over Redis pub/sub, so each evicts its cached
/// copy (<see cref="MetadataCache"/>). A replica serves cached metadata only while its subscription is
/// connected, and drops the whole cache whenever the connection fails or comes back, since messages sent
/// meanwhile are lost. A change that cannot be published waits out the cache lifetime before replying.
/// </summary>
internal sealed class RedisMetadataChannel(
    IOptions<RedisOptions> options, RedisConnection connection, IServiceProvider services, ILogger<RedisMetadataChannel> logger)
    : BackgroundService, IMetadataChannel
{
    private readonly RedisChannel _channel = RedisChannel.Literal($"{options.Value.InstanceName}:metadata");
    private ConnectionMultiplexer? _redis;
    private volatile bool _subscribed;

    // The subscription's own connection, not the multiplexer's: that stays up when only the subscription dropped.
    public bool IsListening => _subscribed && _redis?.GetSubscriber().IsConnected(_channel) == true;

    public async Task<bool> PublishAsync(string key, CancellationToken cancellationToken)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            GatewayLog.MetadataChangeNotPublished(logger, "not connected");
            return false;
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, key).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            GatewayLog.MetadataChangeNotPublished(logger, e.GetType().Name);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _redis = await connection.ConnectAsync().ConfigureAwait(false);
        _redis.ConnectionFailed += (_, _) => Forget();
        _redis.ConnectionRestored += (_, _) => Forget();
        using var retry = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                // Once made, the subscription is restored by the multiplexer after every reconnect.
                await _redis.GetSubscriber().SubscribeAsync(_channel, (_, key) => Cache.Evict(key.ToString())).ConfigureAwait(false);
                Cache.Clear();
                _subscribed = true;
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                GatewayLog.MetadataChangeNotPublished(logger, e.GetType().Name);
            }
        }
        while (await retry.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _subscribed = false;
        return base.StopAsync(cancellationToken);
    }

    private MetadataCache Cache => services.GetRequiredService<MetadataCache>();

    /// <summary>Messages may have been lost while the connection was down: nothing cached before now can be trusted.</summary>
    private void Forget()
    {
        Cache.Clear();
        GatewayLog.MetadataCacheDropped(logger);
    }
}
