using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

internal static class WriterTenant
{
    /// <summary>A fresh tenant with the students template, and a client of it that reads and writes records (and whatever else is asked) for administration.</summary>
    public static async Task<(string Tenant, TestClient Client)> CreateAsync(GatewayFixture gateway, params string[] moreScopes)
    {
        var world = await AuthWorld.ForAsync(gateway);
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(world.Operator, ["students"]);
        return (tenant, await world.NewClientAsync(tenant, [Scopes.RecordsRead, Scopes.RecordsWrite, .. moreScopes], [StudentRecords.Purpose]));
    }
}
