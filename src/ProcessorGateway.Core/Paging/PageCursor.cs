namespace ProcessorGateway.Core.Paging;

/// <summary>What a page token carries: the query it was issued for (<see cref="PageScope"/>) and where the next page starts.</summary>
/// <param name="After">The position of the last item of the page before, in the form the paged feature chose.</param>
public sealed record PageCursor(string TenantId, string Query, byte[] Fingerprint, string After);
