namespace ProcessorGateway.Core.Erasure;

/// <summary>How erasure runs: the lease an execution holds, and how far ahead "due soon" looks.</summary>
public sealed record ErasureSettings(TimeSpan Lease, TimeSpan DueSoonWindow)
{
    public static ErasureSettings Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromDays(3));
}
