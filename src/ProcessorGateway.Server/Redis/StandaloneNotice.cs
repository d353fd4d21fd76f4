namespace ProcessorGateway.Server.Redis;

/// <summary>Says at start-up what running without Redis means, so nobody scales out by accident.</summary>
internal sealed partial class StandaloneNotice(ILogger<StandaloneNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStandalone(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning,
        Message = $"{RedisOptions.SectionName}:Configuration is not set: this gateway is correct as a single replica only. Run more replicas only with Redis, which carries key invalidations between them.")]
    private static partial void LogStandalone(ILogger logger);
}
