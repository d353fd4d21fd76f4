using Grpc.Core;
using Grpc.Core.Interceptors;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Server.Grpc;

/// <summary>Maps domain errors to statuses for every method, so services never catch.</summary>
internal sealed class DomainErrorInterceptor(ILogger<DomainErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (DomainException e)
        {
            throw Map(e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (DomainException e)
        {
            throw Map(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (DomainException e)
        {
            throw Map(e, context);
        }
    }

    private RpcException Map(DomainException exception, ServerCallContext context)
    {
        if (exception.Kind == DomainErrorKind.Unavailable)
        {
            // The inner exception is the driver's; its message names servers, never personal values.
            GatewayLog.StorageUnavailable(logger, context.Method, exception.InnerException?.GetType().Name ?? "none");
        }

        return DomainErrorMapper.ToRpcException(exception);
    }
}
