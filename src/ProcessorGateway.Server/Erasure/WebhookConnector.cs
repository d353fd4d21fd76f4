using System.Net;
using System.Net.Sockets;
using ProcessorGateway.Core.Notifications.Webhooks;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// The webhook client's connect callback: resolves the host itself, checks every address with the
/// <see cref="WebhookPolicy"/>, and connects only to an address it checked, so neither a URL set before the
/// policy was tightened nor a name that now resolves elsewhere (DNS rebinding) reaches an internal address.
/// </summary>
internal sealed class WebhookConnector(WebhookPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme ?? string.Empty;
        var addresses = await policy.ResolveAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Count == 0)
        {
            throw new DestinationRefusedException($"the webhook's host '{endpoint.Host}' does not resolve to any address");
        }

        if (policy.AddressesProblem(scheme, endpoint.Port, addresses) is { } problem)
        {
            throw new DestinationRefusedException($"the webhook was not called: {problem}");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
