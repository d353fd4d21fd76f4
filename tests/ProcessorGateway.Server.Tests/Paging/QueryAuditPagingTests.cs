using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Paging;

/// <summary>
/// QueryAudit: the five events that name record stu-1 in the tenant's chain, its write and four reads (other
/// filters: the same record and a purpose). Reading the audit is audited too, but names no record, so the pages stay put.
/// </summary>
public sealed class QueryAuditPagingTests(GatewayFixture gateway) : PagedRpcConformanceTests(gateway), IClassFixture<GatewayFixture>
{
    private const string Record = "stu-1";

    protected override async Task<IReadOnlyList<string>> SeedAsync(string tenantId)
    {
        await Operator.Records.PutRecordAsync(StudentRecords.Student(tenantId, Record, "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        await Operator.Records.PutRecordAsync(StudentRecords.Student(tenantId, "stu-2", "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch)).Within();
        for (var i = 1; i < Items; i++)
        {
            await Operator.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenantId, Collection = "students", RecordId = Record, Purpose = StudentRecords.Purpose })
                .Within();
        }

        var (ids, _) = await PageAsync(tenantId, Items + 1, string.Empty);
        return ids;
    }

    protected override async Task<(IReadOnlyList<string> Ids, string NextPageToken)> PageAsync(string tenantId, int pageSize, string pageToken, bool otherFilters = false)
    {
        var page = await Operator.Audit.QueryAuditAsync(new QueryAuditRequest
        {
            TenantId = tenantId, RecordId = Record, Purpose = otherFilters ? StudentRecords.Purpose : string.Empty, PageSize = pageSize, PageToken = pageToken,
        }).Within();
        return ([.. page.Events.Select(e => e.EventId)], page.NextPageToken);
    }

    /// <summary>The audit's neighbour: a QueryRecords token over the tenant's two students.</summary>
    protected override async Task<string> OtherRpcTokenAsync(string tenantId)
    {
        var page = await Operator.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenantId, Collection = "students", Purpose = StudentRecords.Purpose, PageSize = 1,
        }).Within();
        Assert.NotEmpty(page.NextPageToken);
        return page.NextPageToken;
    }
}
