using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Bound from <c>Gateway:Erasure</c>.</summary>
public sealed class ErasureOptions
{
    public const string SectionName = GatewaySections.Erasure;

    /// <summary>How often the job looks for due requests, lapsed executions and purged ones.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one execution holds its claim; a crashed execution is resumed after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after verification a part executes by itself, so that a legal hold can still be placed: more than
    /// zero, at most a day. Always clamped to fall strictly before the part's deadline (see docs/erasure.md#deadlines).
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Open requests due within this window count as due soon.</summary>
    public TimeSpan DueSoonWindow { get; set; } = TimeSpan.FromDays(3);
}
