namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// How erasure runs: the lease an execution holds, how far ahead "due soon" looks, the grace period after
/// verification before a part executes by itself, and the margin it always keeps before a deadline.
/// </summary>
/// <param name="Grace">Time to place a hold after verification; at most a day.</param>
/// <param name="DeadlineMargin">
/// How long before its deadline a part executes at the latest: at least the job's interval (a pass may come that
/// much late) plus the lease (a crashed execution is resumed after it).
/// </param>
public sealed record ErasureSettings(TimeSpan Lease, TimeSpan DueSoonWindow, TimeSpan Grace, TimeSpan DeadlineMargin)
{
    public static ErasureSettings Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromDays(3), TimeSpan.FromHours(4), TimeSpan.FromMinutes(3));
}
