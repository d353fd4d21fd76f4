using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>
/// Calls from a loopback address of their own (127.x.y.z; Linux routes all of 127/8 to loopback), so the gateway sees
/// a distinct source, as it would for another host, and a test's refusals are counted apart from every other caller's.
/// </summary>
internal sealed class LoopbackSource : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly HttpClient _http;

    public LoopbackSource(GatewayFixture gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        Gateway = gateway;
        Address = new IPAddress([127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(2, 255)]);
        _channel = GrpcChannel.ForAddress(gateway.Address, new GrpcChannelOptions { HttpHandler = Handler(Address) });
        _http = new HttpClient(Handler(Address));
    }

    public GatewayFixture Gateway { get; }

    public IPAddress Address { get; }

    public RecordService.RecordServiceClient Records => new(_channel);

    /// <summary>Call options with this bearer value (none: no header) and a trace id to find the call's event by.</summary>
    public static CallOptions Bearer(string? token, string traceId)
    {
        var options = AuditedCalls.Traced(traceId);
        if (token is not null)
        {
            options.Headers!.Add("authorization", "Bearer " + token);
        }

        return options;
    }

    /// <summary>A GetRecord the gateway refuses before any service runs: the token is checked first.</summary>
    public Task<RpcException> RefusedGetAsync(string? token, string traceId) => RpcAssert.FailsAsync(StatusCode.Unauthenticated,
        () => Records.GetRecordAsync(new GetRecordRequest { TenantId = "any-school", Collection = "students", RecordId = "stu-1", Purpose = "administration" },
            Bearer(token, traceId)).ResponseAsync);

    /// <summary>A client-credentials request; the gateway's answer, whatever it is.</summary>
    public async Task<HttpStatusCode> RequestTokenAsync(string clientId, string secret)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        });
        using var response = await _http.PostAsync(Gateway.TokenEndpoint, form).WaitAsync(RpcAssert.Timeout);
        return response.StatusCode;
    }

    /// <summary>This source's events in the operator chain, oldest first.</summary>
    public async Task<List<AuditEvent>> EventsAsync() =>
        [.. (await AuditedCalls.ReadAllAsync(Gateway.Channel, null)).Where(e => e.ClientIp == Address.ToString())];

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }

    private static SocketsHttpHandler Handler(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
