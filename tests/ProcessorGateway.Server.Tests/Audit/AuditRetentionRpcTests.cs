using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>A tenant's audit retention through a real gateway, set by the tenant's data-protection officer (subjects.rights).</summary>
public sealed class AuditRetentionRpcTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_tenant_without_its_own_period_reads_the_deployment_default_of_a_year()
    {
        var (tenant, dpo) = await TenantWithOfficerAsync();

        var period = await dpo.Clients.Audit.GetAuditRetentionAsync(new GetAuditRetentionRequest { TenantId = tenant }).Within();

        Assert.Equal((tenant, 365, true, string.Empty), (period.TenantId, period.RetentionDays, period.DeploymentDefault, period.UpdatedBy));
    }

    [Fact]
    public async Task The_officer_sets_a_period_reads_it_back_and_returns_to_the_default_with_zero()
    {
        var (tenant, dpo) = await TenantWithOfficerAsync();

        var set = await dpo.Clients.Audit.SetAuditRetentionAsync(new SetAuditRetentionRequest { TenantId = tenant, RetentionDays = 730 }).Within();
        var read = await dpo.Clients.Audit.GetAuditRetentionAsync(new GetAuditRetentionRequest { TenantId = tenant }).Within();
        var reset = await dpo.Clients.Audit.SetAuditRetentionAsync(new SetAuditRetentionRequest { TenantId = tenant, RetentionDays = 0 }).Within();

        Assert.Equal((730, false, dpo.ClientId), (set.RetentionDays, set.DeploymentDefault, set.UpdatedBy));
        Assert.Equal((730, false, dpo.ClientId), (read.RetentionDays, read.DeploymentDefault, read.UpdatedBy));
        Assert.Equal((365, true), (reset.RetentionDays, reset.DeploymentDefault));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(3651)]
    [InlineData(-1)]
    public async Task A_period_outside_30_days_to_10_years_is_invalid_argument_and_nothing_is_stored(int days)
    {
        var (tenant, dpo) = await TenantWithOfficerAsync();

        var error = await RpcAssert.InvalidArgumentAsync("retention_days",
            () => dpo.Clients.Audit.SetAuditRetentionAsync(new SetAuditRetentionRequest { TenantId = tenant, RetentionDays = days }).ResponseAsync);

        Assert.Contains("30 to 3650 days", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await gateway.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Retention)
            .CountDocumentsAsync(new BsonDocument("_id", tenant)).WaitAsync(RpcAssert.Timeout));
    }

    [Fact]
    public async Task A_client_of_another_tenant_cannot_set_its_period()
    {
        var (tenant, _) = await TenantWithOfficerAsync();
        var (_, other) = await TenantWithOfficerAsync();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => other.Clients.Audit.SetAuditRetentionAsync(new SetAuditRetentionRequest { TenantId = tenant, RetentionDays = 30 }).ResponseAsync);
    }

    /// <summary>A fresh tenant and its data-protection officer's client (subjects.rights only).</summary>
    private async Task<(string Tenant, TestClient Officer)> TenantWithOfficerAsync()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(world.Operator, ["students"]);
        return (tenant, await world.NewClientAsync(tenant, [Scopes.SubjectsRights]));
    }
}
