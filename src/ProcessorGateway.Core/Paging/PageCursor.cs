namespace ProcessorGateway.Core.Paging;

/// <summary>What a page token carries: where the next page starts, and which query it belongs to.</summary>
/// <param name="QueryFingerprint">Keyed hash of tenant, collection and filters; a token is refused for any other query.</param>
public sealed record PageCursor(string TenantId, string Collection, byte[] QueryFingerprint, string AfterRecordId);
