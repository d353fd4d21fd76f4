using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary>Development keeps reflection open on loopback, for grpcurl; outside Development it needs a token (ProductionStartupTests).</summary>
public sealed class DevelopmentReflectionTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Development_reflection_lists_the_services_without_a_token()
    {
        var services = await ReflectionProbe.ListServicesAsync(gateway.AnonymousChannel);

        Assert.Contains("processorgateway.v1.RecordService", services);
    }
}
