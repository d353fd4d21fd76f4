using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ProcessorGateway.Server.Grpc;

/// <summary>
/// The request size limit for JSON calls. On gRPC and gRPC-Web it is checked where the protobuf request is
/// parsed (<see cref="ParseCheckedServiceMethodProvider{TService}"/>); JSON transcoding parses requests itself,
/// so here the message it built is measured as the protobuf it stands for, and refused with the same status
/// and message a gRPC caller would get for it. The JSON body itself is bounded by <see cref="TranscodedBodyLimit"/>.
/// </summary>
internal sealed class TranscodedRequestSizeInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, responseStream, context);
    }

    private static void Check(object? request, ServerCallContext context)
    {
        // Only JSON calls: a gRPC request was measured on arrival, and measuring it again costs a walk of the message.
        if (request is IMessage message && EarlyStatus.IsJson(context.GetHttpContext()))
        {
            RequestChecks.CheckSize(message.CalculateSize());
        }
    }
}
