namespace ProcessorGateway.Server.Redis;

/// <summary>Says at start-up what running without Redis means, so nobody scales out by accident.</summary>
internal sealed class StandaloneNotice(ILogger<StandaloneNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GatewayLog.RunningStandalone(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
