using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Hosting;

/// <summary>Bound from <c>Gateway:Listen</c>. Where Kestrel listens, and with which certificate.</summary>
public sealed class GatewayListenOptions
{
    public const string SectionName = GatewaySections.Listen;

    /// <summary>An IP address. A non-loopback address needs TLS (<see cref="TlsCertificatePath"/>).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>
    /// gRPC: HTTP/2 only without TLS (Kestrel cannot offer HTTP/1.1 and HTTP/2 on one cleartext port); with TLS,
    /// HTTP/1.1 and HTTP/2 by ALPN, so this one port then serves everything <see cref="HttpPort"/> does too. 0 picks a free port.
    /// </summary>
    public int GrpcPort { get; set; } = 5080;

    /// <summary>
    /// HTTP/1.1 (HTTPS with TLS): the OAuth token endpoint, the JSON API (gRPC JSON transcoding) and gRPC-Web, which
    /// browsers and plain HTTP clients need HTTP/1.1 for. 0 picks a free port.
    /// </summary>
    public int HttpPort { get; set; } = 5081;

    /// <summary>
    /// Optional: a cleartext HTTP/2 port that serves <c>grpc.health.v1.Health</c> and nothing else, for the
    /// kubelet's native gRPC probes (which cannot speak TLS). Unset: no such listener.
    /// </summary>
    public int? HealthPort { get; set; }

    /// <summary>PEM certificate (chain) for every data listener, e.g. <c>tls.crt</c> from a Kubernetes TLS Secret. Required outside Development.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificatePath"/>, e.g. <c>tls.key</c>.</summary>
    public string? TlsKeyPath { get; set; }

    internal bool HasTls => !string.IsNullOrWhiteSpace(TlsCertificatePath) || !string.IsNullOrWhiteSpace(TlsKeyPath);
}
