using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>A gateway with databases of its own for one stretch of a hostile-input run.</summary>
internal sealed class HostileGateway(int stretch)
    : GatewayFixture(TestServers.DatabaseFor(typeof(HostileInputTests), $"{stretch}_{Guid.NewGuid():N}"[..12]));
