using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>A development gateway whose client assertion ids are remembered in the test Redis, as replicas share them.</summary>
public sealed class KeyAuthGatewayFixture : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Redis:Configuration"] = TestServers.Redis,
    };
}
