using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>A gateway with Redis and its metrics listener, as the Deployment runs it, that has served a few calls.</summary>
public sealed class MetricsGatewayFixture : GatewayFixture, IAsyncLifetime
{
    private string? _scrape;

    /// <summary>The Prometheus text of <c>/metrics</c> after a tenant was created, read and a missing one asked for.</summary>
    public string Scrape => _scrape ?? throw new InvalidOperationException("the gateway has not been scraped");

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Metrics:Port"] = "0",
        ["Gateway:Redis:Configuration"] = TestServers.Redis,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var tenants = new TenantService.TenantServiceClient(Channel);
        var tenant = $"metrics-{Guid.NewGuid():N}"[..24];
        await tenants.CreateTenantAsync(new CreateTenantRequest { TenantId = tenant, DisplayName = "Metrics school", Templates = { "students" } });
        await tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant });

        // Bound in order: gRPC, token endpoint, metrics.
        var metrics = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Last());
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(metrics, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _scrape = await response.Content.ReadAsStringAsync();
    }
}
