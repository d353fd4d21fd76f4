using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace ProcessorGateway.Load;

/// <summary>
/// The second baseline: the transport's ceiling. A grpc.health.v1 Check of a service name with no checks
/// behind it, on the gateway's own Kestrel host and channel settings: HTTP/2, framing, routing and protobuf,
/// and nothing of tokens, storage or crypto.
/// </summary>
internal sealed class NoOpTarget(GrpcChannel channel, string service, TimeSpan deadline) : ILoadTarget
{
    private readonly Health.HealthClient _health = new(channel);

    public string Name => "no-op gRPC";

    public bool Supports(Operation operation) => operation == Operation.NoOp;

    public Task PrepareAsync(CancellationToken cancellationToken) => ExecuteAsync(Operation.NoOp, null!, cancellationToken);

    public async Task ExecuteAsync(Operation operation, Caller caller, CancellationToken cancellationToken)
    {
        var reply = await _health.CheckAsync(new HealthCheckRequest { Service = service },
            new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (reply.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"health service '{service}' answered {reply.Status}"));
        }
    }

    public ValueTask DisposeAsync()
    {
        channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
