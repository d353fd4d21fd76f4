using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>A gateway that writes counted unauthenticated refusals only when a test flushes them, or when it stops.</summary>
public sealed class HourlyFlushGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Gateway:Audit:UnauthenticatedInterval"] = "01:00:00" };
}
