using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Paging;

/// <summary>QueryRecords: five grade-7 students, asked for by grade (other filters: grade 8).</summary>
public sealed class QueryRecordsPagingTests(GatewayFixture gateway) : PagedRpcConformanceTests(gateway), IClassFixture<GatewayFixture>
{
    protected override async Task<IReadOnlyList<string>> SeedAsync(string tenantId)
    {
        var ids = Enumerable.Range(1, Items).Select(i => $"stu-{i}").ToList();
        foreach (var id in ids)
        {
            await Operator.Records.PutRecordAsync(StudentRecords.Student(tenantId, id, "Ada Lovelace", $"{id}@example.org", DateTimeOffset.UnixEpoch)).Within();
        }

        return ids;
    }

    protected override async Task<(IReadOnlyList<string> Ids, string NextPageToken)> PageAsync(string tenantId, int pageSize, string pageToken, bool otherFilters = false)
    {
        var page = await Operator.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenantId, Collection = "students", Purpose = StudentRecords.Purpose, PageSize = pageSize, PageToken = pageToken,
            Filters = { new FieldFilter { Field = "grade_level", Equals_ = new Value { StringValue = otherFilters ? "8" : "7" } } },
        }).Within();
        return ([.. page.Records.Select(r => r.RecordId)], page.NextPageToken);
    }
}
