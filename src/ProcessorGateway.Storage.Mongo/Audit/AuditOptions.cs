using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>Bound from the <c>Gateway:Audit</c> configuration section (<c>Gateway__Audit__Enabled</c> and so on).</summary>
public sealed class AuditOptions
{
    public const string SectionName = GatewaySections.Audit;

    /// <summary>Off only to measure a baseline for the benchmark; refused in Production.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Optional: a separate MongoDB for the audit log. Empty: <c>Gateway:Mongo:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Optional: the audit log's database. Empty: <c>Gateway:Mongo:Database</c>.</summary>
    public string? Database { get; set; }

    /// <summary>
    /// How long a chain's writer waits for more events before it writes a batch. Zero: it writes at once,
    /// and events that arrive while a write is in flight go together in the next one.
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.Zero;

    /// <summary>At most this many events in one write.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>How often each chain's checkpoint moves up to its head; a tail cut within this is not caught by the checkpoint.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long audit events are kept before the retention job prunes them, a whole block at a time; 30 days to
    /// 10 years (<see cref="Core.Audit.AuditRetention"/>).
    /// </summary>
    public TimeSpan Retention { get; set; } = Core.Audit.AuditRetention.DefaultPeriod;

    /// <summary>How often the retention job runs on each replica.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Unauthenticated refusals (no token, a bad or expired one, a refused token request) are written as one event per
    /// source, action and reason per this interval, with their count; the first of each is written at once.
    /// </summary>
    public TimeSpan UnauthenticatedInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sources counted apart within one interval; refusals from further sources are counted together under "*".</summary>
    public int UnauthenticatedMaxSources { get; set; } = 10_000;

    /// <summary>How long to look for the audit store before an access fails with UNAVAILABLE.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
