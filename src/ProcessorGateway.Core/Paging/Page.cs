namespace ProcessorGateway.Core.Paging;

/// <summary>One page of a paged RPC's items.</summary>
/// <param name="NextPageToken"><c>null</c> on the last page (the reply's <c>next_page_token</c> is then empty).</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
