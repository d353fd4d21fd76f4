using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>
/// Offboarding shreds every key of a tenant (data, index and every subject key): from the reply on,
/// the tenant's data cannot be read or written, the ledger remembers each key, and other tenants go on.
/// </summary>
public sealed class OffboardTenantTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly ShredStore _store = new(gateway);

    [Fact]
    public async Task After_offboarding_every_record_and_schema_call_for_the_tenant_fails_failed_precondition_saying_shredded()
    {
        var tenant = await TenantWithDataAsync();

        await Offboardings.TwoOperatorsAsync(gateway, tenant);

        var calls = new Dictionary<string, Func<Task>>
        {
            ["GetRecord"] = () => _clients.Records.GetRecordAsync(Shreds.Get(tenant, "students", "stu-1")).ResponseAsync,
            ["GetRecord of a plain row"] = () => _clients.Records.GetRecordAsync(Shreds.Get(tenant, "attendance", "att-stu-1", "attendance")).ResponseAsync,
            ["QueryRecords"] = () => _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
            {
                TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose,
            }).ResponseAsync,
            ["PutRecord"] = () => _clients.Records.PutRecordAsync(
                StudentRecords.Student(tenant, "stu-9", "New Pupil", "new@example.org", DateTimeOffset.UnixEpoch)).ResponseAsync,
            ["PutRecord without a subject"] = () => _clients.Records.PutRecordAsync(WithoutSubject(StudentRecords.Attendance(tenant, "att-9", "stu-9"))).ResponseAsync,
            ["UpdateRecord"] = () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
            {
                TenantId = tenant, Collection = "attendance", RecordId = "att-stu-1", Fields = { ["status"] = new Value { StringValue = "absent" } },
                UpdateMask = new FieldMask { Paths = { "status" } }, ExpectedVersion = 1, Purpose = "attendance",
            }).ResponseAsync,
            ["DeleteRecord"] = () => _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
            {
                TenantId = tenant, Collection = "attendance", RecordId = "att-stu-1", Purpose = "attendance",
            }).ResponseAsync,
            ["BatchPutRecords"] = async () =>
            {
                var item = Assert.Single((await GatewayRpcs.BatchPutAsync(_clients, StudentRecords.Attendance(tenant, "att-10", "stu-1"))).Results);
                throw new RpcException(new Status((StatusCode)item.Code, item.Message));
            },
            ["DefineSchema"] = () => _clients.Schemas.DefineSchemaAsync(new DefineSchemaRequest
            {
                TenantId = tenant, Collection = "clubs",
                Fields = { new FieldDefinition { Name = "title", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" } },
            }).ResponseAsync,
            ["GetSchema"] = () => _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).ResponseAsync,
            ["ListSchemas"] = () => _clients.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = tenant }).ResponseAsync,
            ["EraseSubject"] = () => _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-2")).ResponseAsync,
        };

        var wrong = new List<string>();
        foreach (var (name, call) in calls)
        {
            try
            {
                await call().WaitAsync(RpcAssert.Timeout);
                wrong.Add($"{name}: succeeded");
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.FailedPrecondition || !e.Status.Detail.Contains("shredded", StringComparison.Ordinal))
            {
                wrong.Add($"{name}: {e.StatusCode} {e.Status.Detail}");
            }
            catch (RpcException)
            {
                // FAILED_PRECONDITION naming the shredded tenant, as it should be.
            }
        }

        Assert.True(wrong.Count == 0, "every record and schema call for a shredded tenant should fail FAILED_PRECONDITION saying so:\n" + string.Join('\n', wrong));
        Assert.Null(await _store.RecordAsync(tenant, "students", "stu-9"));
        Assert.Null(await _store.RecordAsync(tenant, "attendance", "att-9"));
    }

    [Fact]
    public async Task After_offboarding_the_vault_holds_no_key_of_the_tenant()
    {
        var tenant = await TenantWithDataAsync();
        var before = await _store.TenantKeyIdsAsync(tenant);
        Assert.Equal(2 + 2, before.Count);

        var reply = await Offboardings.TwoOperatorsAsync(gateway, tenant);

        Assert.Equal(before.Order(StringComparer.Ordinal), reply.KeyIds.Order(StringComparer.Ordinal));
        Assert.Empty(await _store.TenantKeyIdsAsync(tenant));
        Assert.Empty(await _store.KeysWithIdsAsync(reply.KeyIds));
    }

    [Fact]
    public async Task After_offboarding_the_ledger_holds_a_tombstone_for_each_destroyed_key_and_no_key_material()
    {
        var tenant = await TenantWithDataAsync();
        var tenantKeys = await _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within();
        const string reason = "contract ended 2026-08-31";

        var reply = await Offboardings.TwoOperatorsAsync(gateway, tenant, reason);

        var tombstones = await _store.TombstonesAsync(tenant);
        Assert.Equal(reply.KeyIds.Order(StringComparer.Ordinal), tombstones.Select(t => t["_id"].AsString).Order(StringComparer.Ordinal));
        Assert.All(tombstones, t =>
        {
            Assert.Equal(reason, t["reason"].AsString);
            // The ledger names the operator whose approval destroyed the key; the reply and the request name both.
            Assert.Equal(reply.ApprovedBy, t["actor"].AsString);
            Assert.Equal(reply.ShreddedAt.ToDateTime(), t["at"].ToUniversalTime(), TimeSpan.FromMilliseconds(1));
            Assert.True(ShredStore.BinaryPaths(t).Count == 0, $"a tombstone holds no key material: {t.ToJson()}");
        });
        var kinds = tombstones.ToDictionary(t => t["_id"].AsString, t => (KeyKind)t["kind"].AsInt32);
        Assert.Equal(KeyKind.Data, kinds[tenantKeys.DataKeyId]);
        Assert.Equal(KeyKind.Index, kinds[tenantKeys.IndexKeyId]);
        Assert.Equal(["subj-stu-1", "subj-stu-2"],
            tombstones.Where(t => t.Contains("s")).Select(t => t["s"].AsString).Order(StringComparer.Ordinal));
        Assert.All(tombstones.Where(t => t.Contains("s")), t => Assert.Equal(KeyKind.Subject, (KeyKind)t["kind"].AsInt32));
    }

    [Fact]
    public async Task After_offboarding_get_tenant_shows_the_tenant_shredded()
    {
        var tenant = await TenantWithDataAsync();

        await Offboardings.TwoOperatorsAsync(gateway, tenant);

        Assert.Equal(TenantStatus.Shredded, (await _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within()).Status);
    }

    [Fact]
    public async Task Offboarding_again_is_replayed_with_the_first_dates()
    {
        var tenant = await TenantWithDataAsync();

        var first = await Offboardings.TwoOperatorsAsync(gateway, tenant);
        var second = await ApproveAgainAsync(tenant, first);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.ShreddedAt, second.ShreddedAt);
        Assert.Equal(first.RecordBackupsAgeOutBy, second.RecordBackupsAgeOutBy);
        Assert.Equal(first.KeyVaultBackupsAgeOutBy, second.KeyVaultBackupsAgeOutBy);
        Assert.Equal((first.OffboardingRequestId, first.RequestedBy, first.ApprovedBy), (second.OffboardingRequestId, second.RequestedBy, second.ApprovedBy));
    }

    [Fact]
    public async Task A_replayed_offboarding_lists_every_key_the_first_one_destroyed()
    {
        var tenant = await TenantWithDataAsync();

        var first = await Offboardings.TwoOperatorsAsync(gateway, tenant);
        var second = await ApproveAgainAsync(tenant, first);

        // A receipt lists the destroyed keys so that a lost ledger can be rebuilt from receipts: a replayed receipt too.
        Assert.True(second.Replayed);
        Assert.Equal(first.KeyIds.Order(StringComparer.Ordinal), second.KeyIds.Order(StringComparer.Ordinal));
        Assert.Equal(first.KeyIds.Count, (await _store.TombstonesAsync(tenant)).Count);
    }

    [Fact]
    public async Task Offboarding_one_tenant_leaves_other_tenants_readable_and_writable()
    {
        var other = await TenantWithDataAsync();
        var otherKeys = await _store.TenantKeyIdsAsync(other);
        var tenant = await TenantWithDataAsync();

        await Offboardings.TwoOperatorsAsync(gateway, tenant);

        Assert.Equal("Ada Lovelace", (await _clients.Records.GetRecordAsync(Shreds.Get(other, "students", "stu-1")).Within()).Fields["full_name"].StringValue);
        Assert.Equal(2, (await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = other, Collection = "students", Purpose = StudentRecords.Purpose,
        }).Within()).Records.Count);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(other, "stu-3", "Alan Turing", "alan@example.org", DateTimeOffset.UnixEpoch)).Within();
        Assert.Equal(TenantStatus.Active, (await _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = other }).Within()).Status);
        Assert.Empty(await _store.TombstonesAsync(other));
        Assert.Empty(otherKeys.Except(await _store.TenantKeyIdsAsync(other)));
    }

    [Fact]
    public async Task Offboarding_an_unknown_tenant_or_request_is_not_found_and_a_missing_reason_or_request_is_invalid_argument()
    {
        var tenant = await TenantWithDataAsync();
        var ledgerBefore = (await _store.LedgerKeyIdsAsync()).Count;
        var approver = await SecondOperator.ForAsync(gateway);

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(StudentRecords.NewTenantId("nobody"))).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("reason", () => _clients.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant, " ")).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("tenant_id", () => _clients.Keys.RequestTenantOffboardingAsync(Offboardings.Ask("Not A Tenant")).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("approval_request_id", () => approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, "")).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("approval_request_id", () => approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, "$where")).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, Guid.NewGuid().ToString("N"))).ResponseAsync);

        Assert.Equal(ledgerBefore, (await _store.LedgerKeyIdsAsync()).Count);
        Assert.Equal(TenantStatus.Active, (await _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within()).Status);
    }

    /// <summary>The approver calls again with the same request, as after a lost reply.</summary>
    private async Task<ShredReply> ApproveAgainAsync(string tenant, ShredReply first) =>
        await (await SecondOperator.ForAsync(gateway)).Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, first.OffboardingRequestId)).Within();

    /// <summary>A fresh tenant with subjects <c>subj-stu-1</c> and <c>subj-stu-2</c>: a student and a plain attendance row each.</summary>
    private async Task<string> TenantWithDataAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients).WaitAsync(RpcAssert.Timeout);
        await Shreds.PutStudentWithAttendanceAsync(_clients, tenant, "stu-1", "Ada Lovelace");
        await Shreds.PutStudentWithAttendanceAsync(_clients, tenant, "stu-2", "Grace Hopper");
        return tenant;
    }

    private static PutRecordRequest WithoutSubject(PutRecordRequest request)
    {
        request.SubjectId = string.Empty;
        return request;
    }
}
