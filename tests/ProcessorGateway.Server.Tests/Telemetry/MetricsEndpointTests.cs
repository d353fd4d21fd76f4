using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Telemetry;

public sealed class MetricsEndpointTests(OperationsGatewayFixture gateway) : IClassFixture<OperationsGatewayFixture>
{
    [Fact]
    public async Task Scrape_shows_the_rpcs_just_made_by_method_and_status()
    {
        var clients = new GrpcTestClients(gateway.Channel);
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(clients, ["students"]);
        await clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within();
        await clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        await Assert.ThrowsAsync<RpcException>(() => clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = "no-such-tenant" }).Within());

        var text = await ScrapeAsync();

        Assert.Contains("pg_rpc_server_duration_seconds_bucket{", text, StringComparison.Ordinal);
        // Buckets in seconds, as the unit says: a 5 ms bound, not the SDK's millisecond defaults.
        Assert.Contains(text.Split('\n'), l => l.StartsWith("pg_rpc_server_duration_seconds_bucket{", StringComparison.Ordinal) && l.Contains("le=\"0.005\"", StringComparison.Ordinal));
        Assert.Contains(Line(text, "/processorgateway.v1.TenantService/CreateTenant", "OK"), text, StringComparison.Ordinal);
        Assert.Contains(Line(text, "/processorgateway.v1.TenantService/GetTenant", "NotFound"), text, StringComparison.Ordinal);
        Assert.Contains("pg_key_cache_misses_total", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        // MongoDB latency as a histogram an alert can take quantiles of, and the .NET runtime's own meter.
        Assert.Contains("pg_mongo_command_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        // Counters name methods and statuses, never a tenant.
        Assert.DoesNotContain(tenant, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_counts_unauthenticated_refusals_by_reason()
    {
        await Assert.ThrowsAsync<RpcException>(() => new TenantService.TenantServiceClient(gateway.AnonymousChannel)
            .GetTenantAsync(new GetTenantRequest { TenantId = "any" }).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30)));

        // The exporter may answer a scrape from its short-lived cache of the one before: scrape until it is fresh.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string text;
        while (!Counted(text = await ScrapeAsync()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(Counted(text), "no pg_audit_unauthenticated_refusals_total sample with reason=\"missing_token\" in the scrape");

        static bool Counted(string scraped) => scraped.Split('\n').Any(l => l.StartsWith("pg_audit_unauthenticated_refusals_total{", StringComparison.Ordinal)
            && l.Contains("reason=\"missing_token\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cleartext_listeners_serve_only_health_and_metrics()
    {
        using var http = new HttpClient();
        using var notMetrics = await http.GetAsync(new Uri(gateway.MetricsAddress, "/connect/token"));
        Assert.Equal(HttpStatusCode.NotFound, notMetrics.StatusCode);

        using var healthChannel = GrpcChannel.ForAddress(gateway.HealthAddress);
        var health = await new Health.HealthClient(healthChannel).CheckAsync(new HealthCheckRequest { Service = "liveness" }).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        var tenants = new TenantService.TenantServiceClient(healthChannel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => tenants.GetTenantAsync(new GetTenantRequest { TenantId = "x" }).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30)));
        // An HTTP 404 from the listener, before any service runs, which a gRPC client reports as UNIMPLEMENTED.
        Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(gateway.MetricsAddress, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The first sample line of the RPC histogram for this method and status, or a description of what was missing.</summary>
    private static string Line(string text, string method, string status) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith("pg_rpc_server_duration", StringComparison.Ordinal)
            && l.Contains($"rpc_method=\"{method}\"", StringComparison.Ordinal)
            && l.Contains($"rpc_grpc_status_code=\"{status}\"", StringComparison.Ordinal))
        ?? $"<no pg_rpc_server_duration sample for {method} with status {status}>";
}
