using System.Diagnostics;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Replicas;

/// <summary>
/// Two replicas on the same MongoDB and Redis, each caching client, tenant, schema and purpose metadata with a lifetime
/// far longer than the test waits: what one replica changes must stop being served by the other through the
/// Redis invalidation alone, and at once by the replica that made the change.
/// </summary>
public sealed class TwoReplicaMetadataCacheTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private GatewayReplica _a = null!;
    private GatewayReplica _b = null!;

    public async Task InitializeAsync()
    {
        var database = TestServers.DatabaseFor(typeof(TwoReplicaMetadataCacheTests));
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Redis:Configuration"] = TestServers.Redis,
            ["Gateway:Redis:InstanceName"] = database,
            ["Gateway:MetadataCache:Lifetime"] = "00:05:00",
        };
        _a = new GatewayReplica(database, settings);
        await _a.InitializeAsync();
        _b = new GatewayReplica(database, settings);
        await _b.InitializeAsync();
    }

    [Fact]
    public async Task A_revoked_clients_tokens_stop_at_once_on_the_revoking_replica_and_soon_after_on_the_other()
    {
        var operatorA = new GrpcTestClients(_a.Channel);
        var tenant = await StudentRecords.CreateTenantAsync(operatorA);
        var registered = await operatorA.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant,
            DisplayName = "revoked across replicas",
            Scopes = { Scopes.TenantsAdmin },
        }).Within();
        using var throughA = await _a.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret);
        using var throughB = await _b.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret);
        var a = new GrpcTestClients(throughA);
        var b = new GrpcTestClients(throughB);
        var get = new GetTenantRequest { TenantId = tenant };
        for (var i = 0; i < 3; i++)
        {
            // Both replicas now hold the client as active in their caches.
            await a.Tenants.GetTenantAsync(get).Within();
            await b.Tenants.GetTenantAsync(get).Within();
        }

        await operatorA.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = registered.Client.ClientId }).Within();

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => a.Tenants.GetTenantAsync(get).ResponseAsync);
        await UntilRefusedAsync(() => b.Tenants.GetTenantAsync(get).ResponseAsync, StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task A_schema_defined_through_one_replica_is_the_one_the_other_replica_validates_against()
    {
        var operatorA = new GrpcTestClients(_a.Channel);
        var operatorB = new GrpcTestClients(_b.Channel);
        var tenant = await StudentRecords.CreateTenantAsync(operatorA);
        var current = await operatorB.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within();
        var put = StudentRecords.Student(tenant, "stu-new-field", "New Field", "new@example.org", DateTimeOffset.UnixEpoch);
        put.Fields["house"] = new Value { StringValue = "Gryffindor" };

        // B caches the schema without the field, and refuses it.
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => operatorB.Records.PutRecordAsync(put).ResponseAsync);

        var next = new DefineSchemaRequest { TenantId = tenant, Collection = "students", ExpectedVersion = current.Version };
        next.Fields.Add(current.Fields);
        next.Fields.Add(new FieldDefinition { Name = "house", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" });
        await operatorA.Schemas.DefineSchemaAsync(next).Within();

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await operatorB.Records.PutRecordAsync(put).Within();
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && Stopwatch.GetElapsedTime(started) < Deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task A_purpose_registered_through_one_replica_is_accepted_by_the_other()
    {
        var operatorA = new GrpcTestClients(_a.Channel);
        var operatorB = new GrpcTestClients(_b.Channel);
        var tenant = await StudentRecords.CreateTenantAsync(operatorA);
        var client = new RegisterClientRequest { TenantId = tenant, DisplayName = "library", Scopes = { Scopes.RecordsRead }, Purposes = { "library_loans" } };

        // B caches the tenant's purposes without it, and refuses it.
        await RpcAssert.InvalidArgumentAsync("purposes[0]", () => operatorB.Tenants.RegisterClientAsync(client).ResponseAsync);

        await operatorA.Tenants.RegisterPurposeAsync(new RegisterPurposeRequest
        {
            TenantId = tenant, Name = "library_loans", Category = PurposeCategory.ServiceOperation,
        }).Within();

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                Assert.Equal(tenant, (await operatorB.Tenants.RegisterClientAsync(client).Within()).Client.TenantId);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && Stopwatch.GetElapsedTime(started) < Deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private static async Task UntilRefusedAsync(Func<Task> call, StatusCode code)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await call();
            }
            catch (RpcException e) when (e.StatusCode == code)
            {
                return;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < Deadline, $"still served {Deadline.TotalSeconds} s after the change on the other replica");
            await Task.Delay(100);
        }
    }
}
