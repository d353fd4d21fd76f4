using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Retention;

/// <summary>Bound from <c>Gateway:Retention</c> (docs/configuration.md, docs/retention.md).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = GatewaySections.Retention;

    public const int MaxBatchSize = 10_000;

    /// <summary>How often the retention job runs. Periods are counted in days; an hour keeps a value at most that long past its time.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most records one pass changes (erases values of, or deletes) in one tenant; a backlog is worked off over several passes.</summary>
    public int BatchSize { get; set; } = 500;
}
