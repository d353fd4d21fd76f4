using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

public sealed class QueryPurposeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Search_on_a_field_the_purpose_may_not_read_is_permission_denied()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Chen Wei", "chen@example.org", DateTimeOffset.UnixEpoch)).Within();

        // 'attendance' may read full_name but not email: matching on email would confirm an address it may not see.
        var error = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant,
            Collection = "students",
            Purpose = "attendance",
            Filters = { new FieldFilter { Field = "email", Equals_ = new Value { StringValue = "chen@example.org" } } },
        }).ResponseAsync);
        Assert.Contains("purpose 'attendance' may not read field 'email'", error.Status.Detail, StringComparison.Ordinal);

        var allowed = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant,
            Collection = "students",
            Purpose = "attendance",
            Filters = { new FieldFilter { Field = "full_name", Equals_ = new Value { StringValue = "chen wei" } } },
        }).Within();
        Assert.Equal("stu-1", Assert.Single(allowed.Records).RecordId);
    }
}
