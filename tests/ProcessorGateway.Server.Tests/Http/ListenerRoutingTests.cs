using System.Net;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Telemetry;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>
/// The JSON API and gRPC-Web are served on the data listeners only, and the data listeners still serve no
/// metrics: the cleartext health and metrics listeners, which may face the pod network, stay as narrow as before.
/// </summary>
public sealed class ListenerRoutingTests(OperationsGatewayFixture gateway) : IClassFixture<OperationsGatewayFixture>
{
    [Fact]
    public async Task A_metrics_path_on_a_data_listener_is_refused()
    {
        using var http = new HttpClient();

        using var overHttp = await http.GetAsync(new Uri(gateway.HttpAddress, "/metrics"));
        using var overGrpcPort = await http.SendAsync(Http2(HttpMethod.Get, new Uri(gateway.Address, "/metrics")));

        Assert.Equal(HttpStatusCode.NotFound, overHttp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, overGrpcPort.StatusCode);
    }

    [Fact]
    public async Task The_json_api_and_grpc_web_are_refused_on_the_health_and_metrics_listeners()
    {
        using var http = new HttpClient();
        var grpcWebPath = $"/{TenantService.Descriptor.FullName}/GetTenant";

        using var jsonOnMetrics = await http.GetAsync(new Uri(gateway.MetricsAddress, "/v1/schema-templates"));
        using var jsonOnHealth = await http.SendAsync(Http2(HttpMethod.Get, new Uri(gateway.HealthAddress, "/v1/schema-templates")));
        using var grpcWebOnMetrics = await http.SendAsync(GrpcWeb(new Uri(gateway.MetricsAddress, grpcWebPath)));
        using var openApiOnMetrics = await http.GetAsync(new Uri(gateway.MetricsAddress, ProcessorGateway.Server.Hosting.GatewayHttpApiExtensions.OpenApiPath));

        Assert.All(new[] { jsonOnMetrics, jsonOnHealth, grpcWebOnMetrics, openApiOnMetrics }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));

        // The same JSON call on the data listener reaches the gateway (and is refused there for want of a token).
        using var jsonOnData = await http.GetAsync(new Uri(gateway.HttpAddress, "/v1/schema-templates"));
        Assert.Equal(HttpStatusCode.Unauthorized, jsonOnData.StatusCode);
    }

    /// <summary>HTTP/2 without TLS, as the gRPC and health listeners speak it.</summary>
    private static HttpRequestMessage Http2(HttpMethod method, Uri uri) =>
        new(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

    private static HttpRequestMessage GrpcWeb(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc-web");
        return request;
    }
}
