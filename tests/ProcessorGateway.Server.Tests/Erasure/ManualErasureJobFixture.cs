using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessorGateway.Server.Erasure;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// The erasure gateway with its job running by itself only once an hour (its first pass at start-up): a test
/// drives each pass with <see cref="RunJobOnceAsync"/> at the fake erasure clock's time it chose. Deadlines keep a
/// margin of the job interval plus the lease (1 h 30 s) before them.
/// </summary>
public sealed class ManualErasureJobFixture : ErasureGatewayFixture
{
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30);

    protected override string JobInterval => "01:00:00";

    public Task RunJobOnceAsync() =>
        Services.GetServices<IHostedService>().OfType<ErasureJob>().Single().RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
}
