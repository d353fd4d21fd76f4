using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>The gRPC API's limit per authenticated client, through a real gateway and real tokens.</summary>
public sealed class GrpcRateLimitTests(GrpcLimitGateway gateway) : IClassFixture<GrpcLimitGateway>
{
    [Fact]
    public async Task A_client_over_its_limit_gets_resource_exhausted_with_retry_after_while_another_is_unaffected()
    {
        var operatorClients = new GrpcTestClients(gateway.Channel);
        var tenant = await StudentRecords.CreateTenantAsync(operatorClients);
        var busy = await NewClientAsync(tenant);
        var quiet = await NewClientAsync(tenant);
        var get = new GetTenantRequest { TenantId = tenant };

        for (var i = 0; i < GrpcLimitGateway.Burst; i++)
        {
            await busy.Tenants.GetTenantAsync(get).Within();
        }

        var refused = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => busy.Tenants.GetTenantAsync(get).ResponseAsync);
        Assert.Contains("call rate limit", refused.Status.Detail, StringComparison.Ordinal);
        var retryAfter = refused.Trailers.GetValue(ClientRateLimitInterceptor.RetryAfterKey);
        Assert.NotNull(retryAfter);
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 600);

        // Another client of the same tenant keeps its own allowance.
        Assert.Equal(tenant, (await quiet.Tenants.GetTenantAsync(get).Within()).TenantId);
    }

    private async Task<GrpcTestClients> NewClientAsync(string tenant)
    {
        var client = await LimitedClient.RegisterAsync(gateway, tenant, Scopes.TenantsAdmin);
        return new GrpcTestClients(await gateway.CreateChannelAsync(client.ClientId, client.Secret));
    }
}
