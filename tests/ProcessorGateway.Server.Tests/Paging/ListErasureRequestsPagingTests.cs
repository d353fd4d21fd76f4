using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Erasure;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Paging;

/// <summary>
/// ListErasureRequests: five requests, every state (other filters: received only). The fixture's erasure clock
/// stands still, so all five are received at one instant and pages must order them by id as well.
/// </summary>
public sealed class ListErasureRequestsPagingTests(ErasureGatewayFixture gateway) : PagedRpcConformanceTests(gateway), IClassFixture<ErasureGatewayFixture>
{
    protected override async Task<IReadOnlyList<string>> SeedAsync(string tenantId)
    {
        var ids = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            var request = await Operator.Erasure.RequestErasureAsync(new RequestErasureRequest
            {
                TenantId = tenantId, Scope = ErasureScope.Subject, SubjectId = $"subj-paged-{i}", Reason = "the account holder asked",
            }).Within();
            ids.Add(request.RequestId);
        }

        return ids;
    }

    protected override async Task<(IReadOnlyList<string> Ids, string NextPageToken)> PageAsync(string tenantId, int pageSize, string pageToken, bool otherFilters = false)
    {
        var page = await Operator.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest
        {
            TenantId = tenantId, State = otherFilters ? ErasureState.Received : ErasureState.Unspecified, PageSize = pageSize, PageToken = pageToken,
        }).Within();
        return ([.. page.Requests.Select(r => r.RequestId)], page.NextPageToken);
    }
}
