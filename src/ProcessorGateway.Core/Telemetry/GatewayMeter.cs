using System.Diagnostics.Metrics;

namespace ProcessorGateway.Core.Telemetry;

/// <summary>The one Meter of the gateway, "ProcessorGateway"; instruments are named <c>pg.&lt;area&gt;.&lt;thing&gt;</c>.</summary>
public static class GatewayMeter
{
    public const string Name = "ProcessorGateway";

    public static Meter Instance { get; } = new(Name);
}
