using Grpc.Core;
using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>Helpers for audit tests: calls tagged with a trace id of their own, and finding their events.</summary>
internal static class AuditedCalls
{
    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    /// <summary>Call options carrying a W3C traceparent, so the call's audit event can be found by its trace id.</summary>
    public static CallOptions Traced(string traceId) =>
        new(headers: new Metadata { { "traceparent", $"00-{traceId}-{traceId[..16]}-01" } }, deadline: DateTime.UtcNow.Add(RpcAssert.Timeout));

    /// <summary>Every event of one chain, oldest first, page by page.</summary>
    public static async Task<List<AuditEvent>> ReadAllAsync(GrpcChannel channel, string? tenantId, string? actor = null)
    {
        var audit = new AuditService.AuditServiceClient(channel);
        var events = new List<AuditEvent>();
        var token = string.Empty;
        do
        {
            var page = await audit.QueryAuditAsync(new QueryAuditRequest
            {
                TenantId = tenantId ?? string.Empty, OperatorChain = tenantId is null, Actor = actor ?? string.Empty, PageSize = 500, PageToken = token,
            }).Within();
            events.AddRange(page.Events);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return events;
    }

    public static async Task<AuditEvent> FindAsync(GrpcChannel channel, string? tenantId, string traceId)
    {
        var events = await ReadAllAsync(channel, tenantId);
        var found = events.Where(e => e.TraceId == traceId).ToList();
        Assert.True(found.Count == 1, $"expected one event with trace id {traceId} in chain {tenantId ?? "(operator)"}, found {found.Count}");
        return found[0];
    }
}
