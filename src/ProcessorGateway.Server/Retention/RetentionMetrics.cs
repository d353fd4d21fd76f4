using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Retention;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Retention;

/// <summary>
/// What the retention job did: <c>pg.retention.expired_records</c> (records deleted whole) and
/// <c>pg.retention.expired_fields</c> (values erased) per pass, and the gauges <c>pg.retention.backlog</c> (due
/// records still stored after the last pass, held ones included) and <c>pg.retention.suspended</c> (due records the
/// last pass passed over for a hold or rule). Counts across tenants, no tenant or subject in any tag.
/// </summary>
internal sealed class RetentionMetrics
{
    private readonly Counter<long> _records = GatewayMeter.Meter.CreateCounter<long>("pg.retention.expired_records", "{record}", "Records deleted whole by their collection's retention");
    private readonly Counter<long> _fields = GatewayMeter.Meter.CreateCounter<long>("pg.retention.expired_fields", "{field}", "Field values erased by their field's retention");
    private long _backlog;
    private long _suspended;

    public RetentionMetrics()
    {
        GatewayMeter.Meter.CreateObservableGauge("pg.retention.backlog", () => Interlocked.Read(ref _backlog), "{record}",
            "Records with a retention run out still stored after the last pass (one per collection or field retention they are due under), held ones included");
        GatewayMeter.Meter.CreateObservableGauge("pg.retention.suspended", () => Interlocked.Read(ref _suspended), "{record}",
            "Due records the last pass passed over because a legal hold or retention rule keeps them");
    }

    public void Record(IReadOnlyList<TenantExpiry> pass)
    {
        _records.Add(pass.Sum(t => t.DeletedRecords));
        _fields.Add(pass.Sum(t => t.ErasedFields));
        Interlocked.Exchange(ref _backlog, pass.Sum(t => t.Backlog));
        Interlocked.Exchange(ref _suspended, pass.Sum(t => t.Suspended));
    }
}
