using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>A client of tenant B with every scope and purpose never reaches tenant A: not by query, not by batch, not by a page token.</summary>
public sealed class CrossTenantTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Every_batch_row_naming_tenant_a_is_permission_denied_and_nothing_is_written_in_a()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var b = await world.ClientAsync(world.TenantB, Scopes.All);
        var (a, newA1, newA2, newB1, newB2) = (world.TenantA, AuthWorld.NewRecordId(), AuthWorld.NewRecordId(), AuthWorld.NewRecordId(), AuthWorld.NewRecordId());
        var keyed = StudentRecords.Attendance(a, newA2, "stu-1");
        keyed.IdempotencyKey = $"key-{Guid.NewGuid():N}";
        var replace = StudentRecords.Attendance(a, AuthWorld.SeedRecordId, "stu-1", status: "absent");
        replace.ExpectedVersion = 1;
        var before = await world.Store.SnapshotAsync(a);

        var response = await GatewayRpcs.BatchPutAsync(b.Clients,
            StudentRecords.Attendance(a, newA1, "stu-1"),
            StudentRecords.Attendance(world.TenantB, newB1, "stu-1"),
            keyed,
            replace,
            StudentRecords.Attendance(world.TenantB, newB2, "stu-1"));

        Assert.Equal(
            [(0, (int)StatusCode.PermissionDenied), (1, (int)StatusCode.OK), (2, (int)StatusCode.PermissionDenied), (3, (int)StatusCode.PermissionDenied), (4, (int)StatusCode.OK)],
            response.Results.Select(r => (r.Index, r.Code)));
        Assert.Equal((2, 3), (response.Succeeded, response.Failed));
        Assert.All(response.Results.Where(r => r.Code != 0), r => Assert.Null(r.Result));

        // The raw records collection: tenant A exactly as before (no new rows, the seed row not replaced, no idempotency key); B got its two rows.
        Assert.Null(await world.Store.RecordAsync(a, "attendance", newA1));
        Assert.Null(await world.Store.RecordAsync(a, "attendance", newA2));
        Assert.Null(await world.Store.IdempotencyAsync(a, keyed.IdempotencyKey));
        Assert.NotNull(await world.Store.RecordAsync(world.TenantB, "attendance", newB1));
        Assert.NotNull(await world.Store.RecordAsync(world.TenantB, "attendance", newB2));
        var after = await world.Store.SnapshotAsync(a);
        Assert.Equal(before.Split('\n').Skip(1), after.Split('\n').Skip(1));
    }

    [Fact]
    public async Task Every_shape_of_query_on_tenant_a_is_permission_denied()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var b = await world.ClientAsync(world.TenantB, Scopes.All);
        var queries = new QueryRecordsRequest[]
        {
            new() { TenantId = world.TenantA, Collection = "attendance", Purpose = AuthWorld.Purpose },
            new() { TenantId = world.TenantA, Collection = "attendance", SubjectId = "subj-stu-1", Purpose = AuthWorld.Purpose },
            new()
            {
                TenantId = world.TenantA, Collection = "attendance", PageSize = 500, Purpose = AuthWorld.Purpose,
                Filters = { new FieldFilter { Field = "status", Equals_ = new Value { StringValue = "present" } } },
            },
            new() { TenantId = world.TenantA, Collection = "no_such_collection", Purpose = AuthWorld.Purpose },
        };

        foreach (var query in queries)
        {
            var error = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => b.Clients.Records.QueryRecordsAsync(query).ResponseAsync);
            Assert.DoesNotContain("att-", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_page_token_from_a_query_on_tenant_a_is_invalid_on_b_and_denied_on_a()
    {
        var world = await AuthWorld.ForAsync(gateway);
        await world.SeedRowAsync(world.TenantA);
        var readerA = await world.ClientAsync(world.TenantA, [Scopes.RecordsRead], [AuthWorld.Purpose]);
        var readerB = await world.ClientAsync(world.TenantB, [Scopes.RecordsRead], [AuthWorld.Purpose]);
        QueryRecordsRequest Page(string tenant, string token = "") =>
            new() { TenantId = tenant, Collection = "attendance", PageSize = 1, PageToken = token, Purpose = AuthWorld.Purpose };
        var first = await readerA.Clients.Records.QueryRecordsAsync(Page(world.TenantA)).Within();
        Assert.NotEmpty(first.NextPageToken);

        await RpcAssert.InvalidArgumentAsync("page_token", () => readerB.Clients.Records.QueryRecordsAsync(Page(world.TenantB, first.NextPageToken)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => readerB.Clients.Records.QueryRecordsAsync(Page(world.TenantA, first.NextPageToken)).ResponseAsync);

        // The token is bound to the tenant, not to who holds it: not even an operator carries it across.
        await RpcAssert.InvalidArgumentAsync("page_token", () => world.Operator.Records.QueryRecordsAsync(Page(world.TenantB, first.NextPageToken)).ResponseAsync);
        var second = await readerA.Clients.Records.QueryRecordsAsync(Page(world.TenantA, first.NextPageToken)).Within();
        Assert.Single(second.Records);
        Assert.NotEqual(first.Records[0].RecordId, second.Records[0].RecordId);
    }
}
