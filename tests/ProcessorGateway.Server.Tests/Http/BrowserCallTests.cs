using System.Net;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>What a browser page may do: CORS is closed unless an origin is configured, and then open to that origin only.</summary>
public sealed class BrowserCallTests(GatewayFixture closed, CorsGatewayFixture open) : IClassFixture<GatewayFixture>, IClassFixture<CorsGatewayFixture>
{
    [Fact]
    public async Task By_default_no_origin_may_call_from_a_browser()
    {
        using var response = await PreflightAsync(closed, CorsGatewayFixture.Origin, "/v1/schema-templates", "GET");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "a gateway with no Gateway:Cors:AllowedOrigins answered a preflight as allowed");
    }

    [Fact]
    public async Task A_configured_origin_may_call_the_json_api_and_grpc_web_and_read_the_status()
    {
        using var json = await PreflightAsync(open, CorsGatewayFixture.Origin, "/v1/schema-templates", "GET");
        using var grpcWeb = await PreflightAsync(open, CorsGatewayFixture.Origin, $"/{TenantService.Descriptor.FullName}/GetTenant", "POST");

        foreach (var response in new[] { json, grpcWeb })
        {
            Assert.True(response.IsSuccessStatusCode, $"preflight {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
            Assert.Equal(CorsGatewayFixture.Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
            Assert.Contains("authorization", allowed, StringComparison.Ordinal);
            Assert.Contains("x-grpc-web", allowed, StringComparison.Ordinal);
        }

        // The refusal itself is readable by the page: its status headers are exposed.
        using var http = new HttpClient { BaseAddress = open.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/schema-templates");
        request.Headers.Add("Origin", CorsGatewayFixture.Origin);
        using var refused = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(CorsGatewayFixture.Origin, Assert.Single(refused.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("grpc-status", string.Join(',', refused.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_origin_is_not_allowed_where_one_is_configured()
    {
        using var response = await PreflightAsync(open, "https://attacker.example", "/v1/schema-templates", "GET");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_grpc_web_call_without_a_token_is_unauthenticated_with_a_message()
    {
        using var web = GrpcCallPath.Web(open);

        var answer = await web.GetRecordAsync(null, new GetRecordRequest { TenantId = "any", Collection = "students", RecordId = "x", Purpose = "administration" },
            Audit.AuditedCalls.NewTraceId());

        Assert.Equal(StatusCode.Unauthenticated, answer.Code);
        Assert.StartsWith("no access token", answer.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(GatewayFixture gateway, string origin, string path, string method)
    {
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-grpc-web");
        return await http.SendAsync(request);
    }
}
