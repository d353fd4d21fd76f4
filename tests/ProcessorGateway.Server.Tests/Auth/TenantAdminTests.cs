using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>
/// A tenant-bound client with tenants.admin administers its own tenant's clients and nothing else:
/// no tenants, no operator clients, no grants beyond its own, no other tenant's clients.
/// </summary>
public sealed class TenantAdminTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly string[] AdminScopes = [Scopes.TenantsAdmin, Scopes.RecordsRead];
    private static readonly string[] AdminPurposes = ["attendance"];

    [Fact]
    public async Task A_tenant_admin_cannot_create_a_tenant()
    {
        var (world, admin) = await AdminAsync();
        var tenants = await world.Store.Tenants.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);
        var id = Records.StudentRecords.NewTenantId("by-admin");

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => admin.Clients.Tenants.CreateTenantAsync(
            new CreateTenantRequest { TenantId = id, DisplayName = "Not Allowed" }).ResponseAsync);

        Assert.Equal(tenants, await world.Store.Tenants.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => world.Operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = id }).ResponseAsync);
    }

    [Fact]
    public async Task A_tenant_admin_cannot_register_an_operator_client()
    {
        var (_, admin) = await AdminAsync();
        var before = await ClientCountAsync();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => admin.Clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = "", DisplayName = "would-be operator", Scopes = { Scopes.TenantsAdmin }, Purposes = { "attendance" },
        }).ResponseAsync);

        Assert.Equal(before, await ClientCountAsync());
    }

    [Theory]
    [InlineData(new[] { Scopes.RecordsWrite }, new[] { "attendance" }, "a scope it lacks")]
    [InlineData(new[] { Scopes.RecordsRead, Scopes.TenantsAdmin, Scopes.AuditRead }, new[] { "attendance" }, "one scope it lacks among ones it holds")]
    [InlineData(new[] { Scopes.RecordsRead }, new[] { "fees" }, "a purpose it lacks")]
    [InlineData(new[] { Scopes.RecordsRead }, new[] { "attendance", "safeguarding" }, "one purpose it lacks among ones it holds")]
    public async Task A_tenant_admin_cannot_grant_what_it_does_not_hold(string[] scopes, string[] purposes, string what)
    {
        var (world, admin) = await AdminAsync();
        var before = await ClientCountAsync();

        var error = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => admin.Clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = world.TenantA, DisplayName = "over-granted", Scopes = { scopes }, Purposes = { purposes },
        }).ResponseAsync);

        Assert.True(before == await ClientCountAsync(), $"{what}: a client was stored ({error.Status.Detail})");
    }

    [Fact]
    public async Task A_tenant_admin_registers_a_client_of_its_own_tenant_within_its_own_grants()
    {
        var (world, admin) = await AdminAsync();

        var registered = await admin.Clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = world.TenantA, DisplayName = "reader", Scopes = { Scopes.RecordsRead }, Purposes = { "attendance" },
        }).Within();

        Assert.Equal(world.TenantA, registered.Client.TenantId);
        var claims = JwtParts.Decode(await gateway.GetTokenAsync(registered.Client.ClientId, registered.ClientSecret)).Payload;
        Assert.Equal((world.TenantA, Scopes.RecordsRead), (claims["pg_tenant"]!.GetValue<string>(), claims["scope"]!.GetValue<string>()));
        Assert.Equal(["attendance"], JwtParts.Values(claims["pg_purpose"]));
    }

    [Fact]
    public async Task Another_tenants_client_and_an_operator_client_read_as_not_found_for_rotation_and_revocation()
    {
        var (world, admin) = await AdminAsync();
        var other = await world.NewClientAsync(world.TenantB, [Scopes.RecordsRead], ["attendance"]);
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, () => admin.Clients.Tenants.RotateClientSecretAsync(
            new RotateClientSecretRequest { ClientId = "no-such-client" }).ResponseAsync);
        var before = await ClientsSnapshotAsync();

        foreach (var target in new[] { other.ClientId, GatewayFixture.OperatorClientId })
        {
            var rotate = await RpcAssert.FailsAsync(StatusCode.NotFound, () => admin.Clients.Tenants.RotateClientSecretAsync(
                new RotateClientSecretRequest { ClientId = target }).ResponseAsync);
            var revoke = await RpcAssert.FailsAsync(StatusCode.NotFound, () => admin.Clients.Tenants.RevokeClientAsync(
                new RevokeClientRequest { ClientId = target }).ResponseAsync);

            // Word for word the answer for an id that does not exist: the admin learns nothing.
            var expected = unknown.Status.Detail.Replace("no-such-client", target, StringComparison.Ordinal);
            Assert.Equal(expected, rotate.Status.Detail);
            Assert.Equal(expected, revoke.Status.Detail);
        }

        Assert.Equal(before, await ClientsSnapshotAsync());
        var token = await TokenEndpoint.PostAsync(gateway, other.ClientId, other.Secret);
        Assert.True(token.Status == System.Net.HttpStatusCode.OK, $"tenant B's client after the refused calls: {token}");
    }

    [Fact]
    public async Task A_tenant_admin_lists_only_its_own_tenants_clients()
    {
        var (world, admin) = await AdminAsync();
        var other = await world.ClientAsync(world.TenantB, [Scopes.RecordsRead], ["attendance"]);
        var reader = await world.ClientAsync(world.TenantA, [Scopes.RecordsRead], ["attendance"]);

        var listed = await admin.Clients.Tenants.ListClientsAsync(new ListClientsRequest { TenantId = world.TenantA }).Within();
        var all = await world.Operator.Tenants.ListClientsAsync(new ListClientsRequest()).Within();

        var ids = listed.Clients.Select(c => c.ClientId).ToList();
        Assert.All(listed.Clients, c => Assert.Equal(world.TenantA, c.TenantId));
        Assert.Contains(admin.ClientId, ids);
        Assert.Contains(reader.ClientId, ids);
        Assert.Equal(all.Clients.Where(c => c.TenantId == world.TenantA).Select(c => c.ClientId), ids);
        Assert.Contains(other.ClientId, all.Clients.Select(c => c.ClientId));
        Assert.Contains(GatewayFixture.OperatorClientId, all.Clients.Select(c => c.ClientId));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => admin.Clients.Tenants.ListClientsAsync(
            new ListClientsRequest { TenantId = world.TenantB }).ResponseAsync);

        // "Every client" is for operators; a tenant admin must name its tenant.
        await RpcAssert.InvalidArgumentAsync("tenant_id", () => admin.Clients.Tenants.ListClientsAsync(new ListClientsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task A_tenant_admin_cannot_take_over_a_client_holding_more_than_it_does_by_rotating_its_secret()
    {
        var (world, admin) = await AdminAsync();
        var writer = await world.NewClientAsync(world.TenantA, [Scopes.RecordsWrite], ["attendance", "safeguarding"]);
        var before = await ClientsSnapshotAsync();

        ClientCredentials? taken = null;
        RpcException? error = null;
        try
        {
            taken = await admin.Clients.Tenants.RotateClientSecretAsync(new RotateClientSecretRequest { ClientId = writer.ClientId }).Within();
        }
        catch (RpcException e)
        {
            error = e;
        }

        if (taken is not null)
        {
            // Show what the hole is worth: the admin, which may not grant records.write, now writes records.
            var token = await gateway.GetTokenAsync(writer.ClientId, taken.ClientSecret);
            using var channel = gateway.CreateChannel(token);
            var wrote = await new GrpcTestClients(channel).Records.PutRecordAsync(
                Records.StudentRecords.Attendance(world.TenantA, AuthWorld.NewRecordId(), "stu-1")).Within();
            Assert.Fail($"a tenant admin holding {string.Join(", ", AdminScopes)} rotated the secret of {writer.ClientId} (records.write), "
                + $"got its new secret and wrote record {wrote.RecordId} with it; expected PermissionDenied, as RegisterClient refuses that grant");
        }

        Assert.True(error!.StatusCode == StatusCode.PermissionDenied, $"expected PermissionDenied, got {error.StatusCode}: {error.Status.Detail}");
        Assert.Equal(before, await ClientsSnapshotAsync());
    }

    [Fact]
    public async Task A_tenant_admin_cannot_revoke_a_client_holding_more_than_it_does_and_the_client_keeps_working()
    {
        var (world, admin) = await AdminAsync();
        var writer = await world.NewClientAsync(world.TenantA, [Scopes.RecordsWrite], ["attendance", "safeguarding"]);
        var before = await ClientsSnapshotAsync();

        var error = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => admin.Clients.Tenants.RevokeClientAsync(
            new RevokeClientRequest { ClientId = writer.ClientId }).ResponseAsync);

        Assert.Contains($"cannot revoke client '{writer.ClientId}', which holds scopes or purposes it does not", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ClientsSnapshotAsync());
        await writer.Clients.Records.PutRecordAsync(Records.StudentRecords.Attendance(world.TenantA, AuthWorld.NewRecordId(), "stu-1")).Within();
    }

    [Fact]
    public async Task A_tenant_admin_revokes_a_client_within_its_own_rights()
    {
        var (world, admin) = await AdminAsync();
        var reader = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead], AdminPurposes);

        var revoked = await admin.Clients.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = reader.ClientId }).Within();

        Assert.True(revoked.Revoked);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => reader.Clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = world.TenantA }).ResponseAsync);
    }

    [Fact]
    public async Task An_operator_without_tenants_admin_cannot_list_or_register_clients()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var reader = await world.ClientAsync(null, AuthWorld.AllScopesBut(Scopes.TenantsAdmin));

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => reader.Clients.Tenants.ListClientsAsync(new ListClientsRequest()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => reader.Clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "operator by a non-admin", Scopes = { Scopes.RecordsRead }, Purposes = { "attendance" },
        }).ResponseAsync);
    }

    [Fact]
    public async Task An_operator_with_tenants_admin_registers_an_operator_client_whose_token_names_no_tenant()
    {
        var world = await AuthWorld.ForAsync(gateway);

        var client = await world.NewClientAsync(null, [Scopes.RecordsRead], ["analytics"]);

        Assert.False(JwtParts.Decode(client.Token).Payload.ContainsKey("pg_tenant"));
        var listed = await world.Operator.Tenants.ListClientsAsync(new ListClientsRequest()).Within();
        Assert.Equal("", listed.Clients.Single(c => c.ClientId == client.ClientId).TenantId);
    }

    private async Task<(AuthWorld World, TestClient Admin)> AdminAsync()
    {
        var world = await AuthWorld.ForAsync(gateway);
        return (world, await world.ClientAsync(world.TenantA, AdminScopes, AdminPurposes));
    }

    private Task<long> ClientCountAsync() =>
        gateway.MongoDatabase.GetCollection<BsonDocument>("oauth_clients").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);

    private async Task<string> ClientsSnapshotAsync() =>
        string.Join('\n', (await gateway.MongoDatabase.GetCollection<BsonDocument>("oauth_clients")
            .Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).ToListAsync()).Select(d => d.ToJson()));
}
