namespace ProcessorGateway.Core.Retention;

/// <summary>What one retention pass did in one tenant.</summary>
/// <param name="Suspended">Due records passed over because a legal hold or a retention rule keeps them.</param>
/// <param name="Backlog">Due records (one per collection or field retention that matches them) still stored after the pass, held ones included.</param>
public sealed record TenantExpiry(string TenantId, IReadOnlyList<ExpiredRecord> Records, int Suspended, long Backlog)
{
    public int DeletedRecords => Records.Count(r => r.Deleted);

    public int ErasedFields => Records.Sum(r => r.Fields.Count);
}
