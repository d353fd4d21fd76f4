using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Server.Retention;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Retention;

/// <summary>
/// A gateway on one fake calendar clock (<see cref="ErasureClock"/>), starting at the real time: records are
/// stamped on it, reads show due dates on it, and the retention job judges them on it. The job runs by itself only
/// at start-up and then hourly; a test drives each pass with <see cref="RunPassAsync"/> at the time it chose.
/// Tokens keep the real clock.
/// </summary>
public sealed class RetentionGatewayFixture : GatewayFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Task RunPassAsync() =>
        Services.GetServices<IHostedService>().OfType<RetentionJob>().Single().PassAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Retention:Interval"] = "01:00:00",
        ["Gateway:Retention:BatchSize"] = "50",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ErasureClock(Clock));
}
