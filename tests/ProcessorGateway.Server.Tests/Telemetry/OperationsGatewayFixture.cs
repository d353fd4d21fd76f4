using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Telemetry;

/// <summary>A gateway with its health and metrics listeners on free loopback ports, as the Deployment runs them.</summary>
public sealed class OperationsGatewayFixture : GatewayFixture
{
    /// <summary>The cleartext health listener (grpc.health.v1 only).</summary>
    public Uri HealthAddress => Addresses()[2];

    /// <summary>The cleartext metrics listener (/metrics only).</summary>
    public Uri MetricsAddress => Addresses()[3];

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Listen:HealthPort"] = "0",
        ["Gateway:Metrics:Port"] = "0",
    };

    // Bound in order: gRPC, token endpoint, health, metrics.
    private List<Uri> Addresses() =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
}
