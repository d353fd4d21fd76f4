using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>
/// A gateway whose calendar clock (<see cref="ErasureClock"/>, the one tenant days are counted on) is a fake that
/// starts at the real time, so a test moves the day a date of birth is read on; tokens keep the real clock.
/// </summary>
public sealed class FakeClockGatewayFixture : GatewayFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ErasureClock(Clock));
}
