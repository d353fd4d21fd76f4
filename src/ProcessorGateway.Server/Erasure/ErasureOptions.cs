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

    /// <summary>Open requests due within this window count as due soon.</summary>
    public TimeSpan DueSoonWindow { get; set; } = TimeSpan.FromDays(3);
}
