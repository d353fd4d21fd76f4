using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// Observable gauges of open erasure requests across tenants: <c>pg.erasure.due</c> (due within the
/// due-soon window) and <c>pg.erasure.overdue</c> (past their deadline). The job counts on each pass;
/// the gauges report the last counts, so a metrics scrape never waits on MongoDB.
/// </summary>
internal sealed class ErasureMetrics
{
    private long _due;
    private long _overdue;

    public ErasureMetrics()
    {
        GatewayMeter.Meter.CreateObservableGauge("pg.erasure.due", () => Interlocked.Read(ref _due), "{request}",
            "Open erasure requests due within the due-soon window");
        OverdueGauge = GatewayMeter.Meter.CreateObservableGauge("pg.erasure.overdue", () => Interlocked.Read(ref _overdue), "{request}",
            "Open erasure requests past their deadline");
    }

    /// <summary>This gateway's own overdue gauge: the meter is process-wide, and a test process runs many gateways.</summary>
    internal System.Diagnostics.Metrics.ObservableGauge<long> OverdueGauge { get; }

    public void Update(long due, long overdue)
    {
        Interlocked.Exchange(ref _due, due);
        Interlocked.Exchange(ref _overdue, overdue);
    }
}
