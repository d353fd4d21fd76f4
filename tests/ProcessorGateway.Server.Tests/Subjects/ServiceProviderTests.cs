using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>An institution sees the deployment's sub-processors, exactly as configured, over gRPC and plain HTTP.</summary>
public sealed class ServiceProviderTests(ServiceProviderGatewayFixture gateway) : IClassFixture<ServiceProviderGatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task The_configured_service_providers_are_listed_in_their_order_with_purpose_and_location()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var reply = await _clients.SubjectRights.ListServiceProvidersAsync(new ListServiceProvidersRequest { TenantId = tenant }).Within();

        Assert.Equal(
            ServiceProviderGatewayFixture.Providers,
            reply.ServiceProviders.Select(p => (p.Name, p.Purpose, p.Location)));
    }

    [Fact]
    public async Task The_listing_is_served_as_json_at_the_tenant_route()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var token = await gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret, Scopes.TenantsAdmin);
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress, Timeout = RpcAssert.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tenants/{tenant}/service-providers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var names = json.RootElement.GetProperty("serviceProviders").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(ServiceProviderGatewayFixture.Providers.Select(p => p.Name), names);
    }

    [Fact]
    public async Task Pgctl_lists_the_service_providers_with_purpose_and_location()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var directory = Directory.CreateTempSubdirectory("pgctl-providers-").FullName;
        try
        {
            var credentials = PgctlRunner.WriteCredentials(directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);

            var (exitCode, output, error) = await PgctlRunner.RunAsync(["--credentials", credentials, "--operator", "service-providers", tenant]);

            Assert.True(exitCode == 0, error);
            foreach (var (name, purpose, location) in ServiceProviderGatewayFixture.Providers)
            {
                Assert.Contains(name, output, StringComparison.Ordinal);
                Assert.Contains(purpose, output, StringComparison.Ordinal);
                Assert.Contains(location, output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
