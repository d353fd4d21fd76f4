namespace ProcessorGateway.Core.Erasure;

/// <summary>A legal hold on a subject's records (all, or one collection's). Blocks erasure until released.</summary>
public sealed record LegalHold(
    string HoldId, string TenantId, string SubjectId, string? Collection, string Reason, DateTimeOffset PlacedAt, string PlacedBy, DateTimeOffset? ReleasedAt)
{
    public bool Covers(string collection) => Collection is null || Collection == collection;
}
