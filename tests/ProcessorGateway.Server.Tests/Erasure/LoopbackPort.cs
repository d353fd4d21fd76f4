using System.Net;
using System.Net.Sockets;

namespace ProcessorGateway.Server.Tests.Erasure;

internal static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 a moment ago, for a test receiver that must be configured before it starts.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
