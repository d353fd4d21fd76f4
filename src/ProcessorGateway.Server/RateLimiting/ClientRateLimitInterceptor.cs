using Grpc.Core;
using Grpc.Core.Interceptors;
using OpenIddict.Abstractions;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// Each authenticated client's calls against its token bucket (<see cref="GrpcClientLimiter"/>). A call over the limit
/// is refused before it does anything, as RESOURCE_EXHAUSTED with a <c>retry-after</c> trailer in seconds (and an HTTP
/// <c>Retry-After</c> header on a JSON call). It runs outside the audit interceptor: a refused call is counted in
/// <c>pg.ratelimit.refused</c> and <c>pg.rpc.server.duration</c>, not written to the audit log once per call.
/// Calls without a token (health, development reflection) are not limited here.
/// </summary>
internal sealed class ClientRateLimitInterceptor(GrpcClientLimiter limiter) : Interceptor
{
    public const string RetryAfterKey = "retry-after";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.GetClaim(OpenIddictConstants.Claims.Subject) is not { } clientId)
        {
            return;
        }

        using var lease = limiter.Limiter.AttemptAcquire(clientId);
        if (lease.IsAcquired)
        {
            return;
        }

        var value = RetryAfter.Of(lease);
        RateLimitMetrics.Refused(RateLimitMetrics.GrpcClient);
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            // JSON transcoding answers 429 for RESOURCE_EXHAUSTED but shows no trailers.
            http.Response.Headers.RetryAfter = value;
        }

        throw new RpcException(
            new Status(StatusCode.ResourceExhausted, $"This client's call rate limit is reached; retry after {value} s."),
            new Metadata { { RetryAfterKey, value } });
    }
}
