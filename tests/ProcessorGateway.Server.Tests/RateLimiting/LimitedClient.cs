using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>A tenant client of its own for a rate-limit test, registered by the gateway's operator.</summary>
internal sealed record LimitedClient(string TenantId, string ClientId, string Secret)
{
    /// <param name="tenantId">A tenant to register in; a new one when none is given.</param>
    public static async Task<LimitedClient> RegisterAsync(GatewayFixture gateway, string? tenantId = null, string scope = Scopes.RecordsRead)
    {
        var clients = new GrpcTestClients(gateway.Channel);
        var tenant = tenantId ?? await StudentRecords.CreateTenantAsync(clients);
        var registered = await clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant, DisplayName = "rate limit test", Scopes = { scope }, Purposes = { "attendance" },
        }).Within();
        return new LimitedClient(tenant, registered.Client.ClientId, registered.ClientSecret);
    }
}
