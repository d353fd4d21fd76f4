using System.Net;
using System.Net.Sockets;

namespace ProcessorGateway.Testing;

/// <summary>
/// A TCP proxy on a loopback port that a test can cut and restore, to take a server away from one
/// client (a gateway replica, say) without stopping the server for everyone else.
/// </summary>
public sealed class LoopbackTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public LoopbackTcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Closes every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(upstream);
            }

            var downstream = client.GetStream();
            var toServer = upstream.GetStream();
            await Task.WhenAny(downstream.CopyToAsync(toServer, _stopping.Token), toServer.CopyToAsync(downstream, _stopping.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut or a closed peer: the connection simply ends, as it would on a real network.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
