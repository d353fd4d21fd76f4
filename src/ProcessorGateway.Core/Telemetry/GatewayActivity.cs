using System.Diagnostics;

namespace ProcessorGateway.Core.Telemetry;

/// <summary>
/// The gateway's own spans, for work no library traces: e-mail submission, for one. Like the meter's tags, a span's
/// name and tags never carry a person, a value, an address or a key.
/// </summary>
public static class GatewayActivity
{
    public static readonly ActivitySource Source = new(GatewayMeter.Name);
}
