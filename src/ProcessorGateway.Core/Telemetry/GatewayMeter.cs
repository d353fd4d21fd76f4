using System.Diagnostics.Metrics;

namespace ProcessorGateway.Core.Telemetry;

/// <summary>
/// The gateway's one meter. Instruments are named <c>pg.&lt;area&gt;.&lt;thing&gt;</c> and carry no personal
/// data: no subject ids, no values, no key material; at most a tenant-free outcome or kind.
/// </summary>
public static class GatewayMeter
{
    public const string Name = "ProcessorGateway";

    public static readonly Meter Meter = new(Name);
}
