namespace ProcessorGateway.Server.Hosting;

/// <summary>Bound from <c>Gateway:Listen</c>. Where Kestrel listens.</summary>
public sealed class GatewayListenOptions
{
    public const string SectionName = "Gateway:Listen";

    /// <summary>An IP address. Without TLS only a loopback address is allowed.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>gRPC, HTTP/2 only without TLS (Kestrel cannot negotiate HTTP/1.1 and HTTP/2 on one cleartext port). 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = 5080;

    /// <summary>The OAuth token endpoint (HTTP/1.1) without TLS; 0 picks a free port.</summary>
    public int HttpPort { get; set; } = 5081;
}
