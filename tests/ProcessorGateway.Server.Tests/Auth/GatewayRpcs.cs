using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Auth;

[Flags]
internal enum RpcTraits
{
    None = 0,

    /// <summary>Needs an operator token (bound to no tenant) as well as the scope.</summary>
    OperatorOnly = 1,

    /// <summary>Names a tenant in the request (or, for client management, a client of one).</summary>
    TenantScoped = 2,

    /// <summary>Names a client, not a tenant: another tenant's client reads as absent.</summary>
    NamesClient = 4,

    /// <summary>Names a purpose the caller must hold.</summary>
    NeedsPurpose = 8,
}

/// <summary>
/// Prepares one call of an RPC with a valid request naming <c>tenantId</c> (anything it needs, such
/// as a row to update, is written first by the operator) and returns the call itself, which fails
/// with the RPC's status or checks the reply of a success. <c>successExpected</c> false means the
/// call must be refused, so it may aim at a shared target that must stay untouched.
/// </summary>
internal delegate Task<Func<GrpcTestClients, Task>> ArrangeCall(AuthWorld world, string tenantId, bool successExpected);

/// <param name="Scopes">Any one of these suffices; empty: any valid token.</param>
internal sealed record GatewayRpc(string Name, string[] Scopes, RpcTraits Traits, ArrangeCall Arrange)
{
    public bool Is(RpcTraits trait) => (Traits & trait) == trait;

    public override string ToString() => Name;
}

/// <summary>Every RPC of the public contract, and how to call it.</summary>
internal static class GatewayRpcs
{
    private const RpcTraits Tenant = RpcTraits.TenantScoped;
    private const RpcTraits Record = RpcTraits.TenantScoped | RpcTraits.NeedsPurpose;
    private const RpcTraits Client = RpcTraits.TenantScoped | RpcTraits.NamesClient;

    public static IReadOnlyList<GatewayRpc> All { get; } =
    [
        new("TenantService.CreateTenant", [Scopes.TenantsAdmin], RpcTraits.OperatorOnly, (_, _, _) => Call(async c =>
        {
            var id = StudentRecords.NewTenantId("created");
            var tenant = await c.Tenants.CreateTenantAsync(new CreateTenantRequest { TenantId = id, DisplayName = "Created School" }).Within();
            Assert.Equal(id, tenant.TenantId);
        })),
        new("TenantService.GetTenant", [Scopes.TenantsAdmin], Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(t, (await c.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = t }).Within()).TenantId))),
        new("TenantService.RegisterClient", [Scopes.TenantsAdmin], Tenant, (_, t, _) => Call(async c =>
        {
            var registered = await c.Tenants.RegisterClientAsync(new RegisterClientRequest
            {
                TenantId = t, DisplayName = "registered in the matrix", Scopes = { Scopes.TenantsAdmin }, Purposes = { AuthWorld.Purpose },
            }).Within();
            Assert.Equal(t, registered.Client.TenantId);
            Assert.NotEmpty(registered.ClientSecret);
        })),
        new("TenantService.ListClients", [Scopes.TenantsAdmin], Tenant, (_, t, _) => Call(async c =>
        {
            var listed = await c.Tenants.ListClientsAsync(new ListClientsRequest { TenantId = t }).Within();
            Assert.NotEmpty(listed.Clients);
            Assert.All(listed.Clients, client => Assert.Equal(t, client.TenantId));
        })),
        new("TenantService.RotateClientSecret", [Scopes.TenantsAdmin], Client, async (w, t, success) =>
        {
            var target = await TargetClientAsync(w, t, success);
            return async c =>
            {
                var rotated = await c.Tenants.RotateClientSecretAsync(new RotateClientSecretRequest { ClientId = target }).Within();
                Assert.Equal(target, rotated.Client.ClientId);
                Assert.NotEmpty(rotated.ClientSecret);
            };
        }),
        new("TenantService.RevokeClient", [Scopes.TenantsAdmin], Client, async (w, t, success) =>
        {
            var target = await TargetClientAsync(w, t, success);
            return async c => Assert.True((await c.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = target }).Within()).Revoked);
        }),
        new("TenantService.RegisterPurpose", [Scopes.TenantsAdmin], Tenant, (_, t, _) => Call(async c =>
        {
            var name = $"p_{Guid.NewGuid():N}"[..12];
            var purpose = await c.Tenants.RegisterPurposeAsync(new RegisterPurposeRequest
            {
                TenantId = t, Name = name, Category = PurposeCategory.Support, Description = "registered in the matrix",
            }).Within();
            Assert.Equal((t, name, PurposeCategory.Support, false), (purpose.TenantId, purpose.Name, purpose.Category, purpose.Standard));
        })),
        new("TenantService.ListPurposes", [Scopes.TenantsAdmin, Scopes.SchemasAdmin], Tenant, (_, t, _) => Call(async c =>
        {
            var listed = await c.Tenants.ListPurposesAsync(new ListPurposesRequest { TenantId = t }).Within();
            Assert.Contains(listed.Purposes, p => p is { Name: "attendance", Category: PurposeCategory.ServiceOperation, Standard: true });
            Assert.All(listed.Purposes, p => Assert.Equal(t, p.TenantId));
        })),
        new("SchemaService.DefineSchema", [Scopes.SchemasAdmin], Tenant, (_, t, _) => Call(async c =>
        {
            var schema = await c.Schemas.DefineSchemaAsync(new DefineSchemaRequest
            {
                TenantId = t,
                Collection = $"c_{Guid.NewGuid():N}"[..12],
                Fields = { new FieldDefinition { Name = "title", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" } },
            }).Within();
            Assert.Equal(1, schema.Version);
        })),
        new("SchemaService.GetSchema", [Scopes.RecordsRead, Scopes.RecordsWrite, Scopes.SchemasAdmin], Tenant, (_, t, _) => Call(async c =>
            Assert.Equal("attendance", (await c.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = t, Collection = "attendance" }).Within()).Collection))),
        new("SchemaService.ListSchemas", [Scopes.RecordsRead, Scopes.RecordsWrite, Scopes.SchemasAdmin], Tenant, (_, t, _) => Call(async c =>
            Assert.Contains("attendance", (await c.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = t }).Within()).Schemas.Select(s => s.Collection)))),
        new("SchemaService.ListTemplates", [], RpcTraits.None, (_, _, _) => Call(async c =>
            Assert.Contains("attendance", (await c.Schemas.ListTemplatesAsync(new ListTemplatesRequest()).Within()).Templates.Select(s => s.Collection)))),
        new("RecordService.PutRecord", [Scopes.RecordsWrite], Record, (_, t, _) => Call(async c =>
            Assert.Equal(1, (await c.Records.PutRecordAsync(StudentRecords.Attendance(t, AuthWorld.NewRecordId(), "stu-1")).Within()).Version))),
        new("RecordService.GetRecord", [Scopes.RecordsRead], Record, (_, t, _) => Call(async c =>
        {
            var record = await c.Records.GetRecordAsync(new GetRecordRequest
            {
                TenantId = t, Collection = "attendance", RecordId = AuthWorld.SeedRecordId, Purpose = AuthWorld.Purpose,
            }).Within();
            Assert.Equal((t, AuthWorld.SeedRecordId), (record.TenantId, record.RecordId));
        })),
        new("RecordService.UpdateRecord", [Scopes.RecordsWrite], Record, async (w, t, _) =>
        {
            var id = await w.SeedRowAsync(t);
            return async c => Assert.Equal(2, (await c.Records.UpdateRecordAsync(new UpdateRecordRequest
            {
                TenantId = t, Collection = "attendance", RecordId = id, Fields = { ["status"] = new Value { StringValue = "absent" } },
                UpdateMask = new FieldMask { Paths = { "status" } }, ExpectedVersion = 1, Purpose = AuthWorld.Purpose,
            }).Within()).Version);
        }),
        new("RecordService.DeleteRecord", [Scopes.RecordsWrite], Record, async (w, t, _) =>
        {
            var id = await w.SeedRowAsync(t);
            return async c => Assert.Equal(id, (await c.Records.DeleteRecordAsync(new DeleteRecordRequest
            {
                TenantId = t, Collection = "attendance", RecordId = id, Purpose = AuthWorld.Purpose,
            }).Within()).RecordId);
        }),
        new("RecordService.QueryRecords", [Scopes.RecordsRead], Record, (_, t, _) => Call(async c =>
        {
            var page = await c.Records.QueryRecordsAsync(new QueryRecordsRequest { TenantId = t, Collection = "attendance", Purpose = AuthWorld.Purpose }).Within();
            Assert.NotEmpty(page.Records);
            Assert.All(page.Records, r => Assert.Equal(t, r.TenantId));
        })),
        new("RecordService.BatchPutRecords", [Scopes.RecordsWrite], Record, (_, t, _) => Call(async c =>
        {
            var response = await BatchPutAsync(c, StudentRecords.Attendance(t, AuthWorld.NewRecordId(), "stu-1"));
            var item = Assert.Single(response.Results);
            if (item.Code != (int)StatusCode.OK)
            {
                // A refused row fails alone, inside a successful call: surface its code as the call's status for the matrix.
                throw new RpcException(new Status((StatusCode)item.Code, $"[batch item {item.Index}] {item.Message}"));
            }

            Assert.Equal((1, 0), (response.Succeeded, response.Failed));
        })),
        new("KeyService.EraseSubject", [Scopes.SubjectsRights], Tenant, (_, t, success) =>
        {
            // Allowed: a throwaway subject with no data. Refused: the seed row's subject, which must stay as it is.
            var subject = success ? $"subj-{Guid.NewGuid():N}"[..20] : AuthWorld.SeedSubjectId;
            return Call(async c =>
            {
                var erased = await c.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = t, SubjectId = subject, Reason = "authorisation matrix" }).Within();
                Assert.False(erased.Replayed);
                Assert.Single(erased.KeyIds);
            });
        }),
        .. OffboardingRpcs.All,
        new("KeyService.RotateTenantKey", [Scopes.TenantsAdmin], Tenant, (_, t, _) => Call(async c =>
            Assert.True((await c.Keys.RotateTenantKeyAsync(new RotateTenantKeyRequest { TenantId = t }).Within()).Current.Version > 1))),
        new("KeyService.GetRotationStatus", [Scopes.TenantsAdmin], Tenant, (_, t, _) => Call(async c =>
            Assert.NotEmpty((await c.Keys.GetRotationStatusAsync(new GetRotationStatusRequest { TenantId = t }).Within()).Current.KeyId))),
        new("KeyService.ReconcileShredLedger", [Scopes.TenantsAdmin], RpcTraits.OperatorOnly, (_, _, _) => Call(async c =>
            Assert.Equal(0, (await c.Keys.ReconcileShredLedgerAsync(new ReconcileShredLedgerRequest()).Within()).KeysDeleted))),
        .. SubjectRightsRpcs.All,
        .. ErasureRpcs.All,
        new("AuditService.QueryAudit", [Scopes.AuditRead], Tenant, (_, t, _) => Call(async c =>
        {
            var page = await c.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = t }).Within();
            Assert.NotEmpty(page.Events);
            Assert.All(page.Events, e => Assert.Equal(t, e.Chain));
        })),
        new("AuditService.VerifyAuditChain", [Scopes.AuditRead], Tenant, (_, t, _) => Call(async c =>
        {
            var verified = await c.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = t }).Within();
            Assert.True(verified.Intact, verified.FirstBreak?.Detail);
            Assert.Equal(t, verified.Chain);
        })),
        new("AuditService.GetAuditRetention", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(t, (await c.Audit.GetAuditRetentionAsync(new GetAuditRetentionRequest { TenantId = t }).Within()).TenantId))),
        new("AuditService.SetAuditRetention", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(400, (await c.Audit.SetAuditRetentionAsync(new SetAuditRetentionRequest { TenantId = t, RetentionDays = 400 }).Within()).RetentionDays))),
    ];

    public static GatewayRpc Named(string name) => All.Single(r => r.Name == name);

    /// <summary>
    /// Sends the rows and returns the reply. A call the server ends early (refused before it reads
    /// the stream) may fail the writes; its status is then in the reply.
    /// </summary>
    public static async Task<BatchPutRecordsResponse> BatchPutAsync(GrpcTestClients clients, params PutRecordRequest[] rows)
    {
        using var call = clients.Records.BatchPutRecords();
        try
        {
            foreach (var row in rows)
            {
                await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = row }).WaitAsync(RpcAssert.Timeout);
            }

            await call.RequestStream.CompleteAsync().WaitAsync(RpcAssert.Timeout);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            // The call is over; ResponseAsync below throws its status.
        }

        return await call.ResponseAsync.WaitAsync(RpcAssert.Timeout);
    }

    private static Task<Func<GrpcTestClients, Task>> Call(Func<GrpcTestClients, Task> call) => Task.FromResult(call);

    /// <summary>
    /// For a call that must succeed, a fresh client holding no more than the least-privileged allowed
    /// caller (tenants.admin and one purpose), so rotating or revoking it is within that caller's own grants.
    /// </summary>
    private static async Task<string> TargetClientAsync(AuthWorld world, string tenantId, bool successExpected) =>
        successExpected
            ? (await world.RegisterAsync(tenantId, [Scopes.TenantsAdmin], [AuthWorld.Purpose])).Client.ClientId
            : await world.VictimAsync(tenantId);
}
