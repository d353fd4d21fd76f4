using System.Net;
using System.Net.Sockets;
using ProcessorGateway.Core.Notifications.Webhooks;

namespace ProcessorGateway.Server.Erasure;

/// <summary>The operating system's resolver, as the HTTP client would use it.</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
