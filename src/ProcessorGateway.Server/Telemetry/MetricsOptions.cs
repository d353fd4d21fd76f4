using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Telemetry;

/// <summary>Bound from <c>Gateway:Metrics</c>: where Prometheus scrapes, and an optional OTLP collector.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = GatewaySections.Metrics;

    /// <summary>
    /// A cleartext HTTP/1.1 port (on <c>Gateway:Listen:Address</c>) serving <c>/metrics</c> and nothing else;
    /// 0 picks a free port. Unset: no scrape endpoint.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>
    /// Optional OTLP collector (gRPC, e.g. <c>http://otel-collector:4317</c>) that receives metrics, traces and logs. Unset:
    /// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and the rest) decides;
    /// neither set, nothing is sent.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}
