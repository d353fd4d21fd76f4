using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProcessorGateway.Server.Redis;

/// <summary>
/// The process's one connection to Redis, shared by the key-invalidation coordinator and the metadata
/// channel, as StackExchange.Redis intends a multiplexer to be. It connects on first use without failing
/// when Redis is down (it keeps retrying), and is closed when the container is disposed, after every
/// hosted service has stopped, so a replica can still deregister while it shuts down.
/// </summary>
internal sealed class RedisConnection(IOptions<RedisOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() =>
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = $"pg-{Environment.MachineName}-{Environment.ProcessId}";
        return ConnectionMultiplexer.ConnectAsync(configuration);
    });

    public Task<ConnectionMultiplexer> ConnectAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
