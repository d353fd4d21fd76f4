namespace ProcessorGateway.Core.Paging;

/// <summary>One page asked for, checked: its query, its size, and the position it starts after (<c>null</c> for the first page).</summary>
public sealed record PageRequest(PageScope Scope, int Size, string? After);
