using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>Every rate limit at its default, as a deployment that sets none runs.</summary>
public sealed class DefaultRateLimitGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => DefaultRateLimits();
}
