using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>The victim's view: a refused cross-tenant attempt shows in the target tenant's chain, without the caller's data.</summary>
public sealed class CrossTenantAuditTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_refused_attempt_on_another_tenant_shows_in_that_tenants_chain_without_the_callers_data()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var attacker = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead], [AuthWorld.Purpose]);
        var victimAuditor = await world.ClientAsync(world.TenantB, [Scopes.AuditRead]);
        var trace = AuditedCalls.NewTraceId();

        await ReadAcrossAsync(attacker, world.TenantB, trace);

        var seen = await AuditedCalls.FindAsync(victimAuditor.Channel, world.TenantB, trace);
        Assert.Equal(($"{world.TenantA}/{attacker.ClientId}", world.TenantB, "RecordService.GetRecord", AuditOutcome.Denied, "PermissionDenied"),
            (seen.Actor, seen.TenantId, seen.Action, seen.Outcome, seen.Status));
        Assert.Equal((0, 0, 0, 0), (seen.RecordIds.Count, seen.SubjectIds.Count, seen.Fields.Count, seen.ErasedSubjectRefs));
        Assert.Equal((string.Empty, string.Empty, string.Empty), (seen.Purpose, seen.ClientIp, seen.UserAgent));

        // The caller's own chain still holds its full event.
        var own = await AuditedCalls.FindAsync((await world.ClientAsync(world.TenantA, [Scopes.AuditRead])).Channel, world.TenantA, trace);
        Assert.Equal((attacker.ClientId, AuditOutcome.Denied, "127.0.0.1"), (own.Actor, own.Outcome, own.ClientIp));
    }

    [Fact]
    public async Task An_attempt_on_a_made_up_tenant_creates_no_chain_for_it()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var attacker = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead], [AuthWorld.Purpose]);
        var madeUp = $"ghost-{Guid.NewGuid():N}"[..20];
        var trace = AuditedCalls.NewTraceId();

        await ReadAcrossAsync(attacker, madeUp, trace);

        Assert.Equal(AuditOutcome.Denied, (await AuditedCalls.FindAsync((await world.ClientAsync(world.TenantA, [Scopes.AuditRead])).Channel, world.TenantA, trace)).Outcome);
        var blocks = gateway.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Blocks);
        Assert.Equal(0, await blocks.CountDocumentsAsync(new BsonDocument("c", madeUp)));
    }

    private static Task<RpcException> ReadAcrossAsync(TestClient attacker, string tenantId, string trace) =>
        RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => attacker.Clients.Records.GetRecordAsync(
            new GetRecordRequest { TenantId = tenantId, Collection = "attendance", RecordId = AuthWorld.SeedRecordId, Purpose = AuthWorld.Purpose },
            AuditedCalls.Traced(trace)).ResponseAsync);
}
