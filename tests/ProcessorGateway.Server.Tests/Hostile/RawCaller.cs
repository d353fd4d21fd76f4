using Google.Protobuf.Reflection;
using Grpc.Core;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Sends raw bytes to any RPC, whatever its streaming kind, so the wire can carry garbage no typed client
/// would send; over a channel without credentials of its own, with the Authorization header given per call.
/// </summary>
internal sealed class RawCaller(CallInvoker invoker)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>The response bytes when the call succeeds (for client streaming), null for other kinds; RpcException when refused.</summary>
    public async Task<byte[]?> CallAsync(MethodDescriptor method, IReadOnlyList<byte[]> messages, string? authorization, CancellationToken cancellationToken)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var rpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add("Authorization", authorization);
        }

        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(60), cancellationToken);
        switch (type)
        {
            case MethodType.Unary:
                await invoker.AsyncUnaryCall(rpc, null, options, messages[0]);
                return null;
            case MethodType.ServerStreaming:
                using (var call = invoker.AsyncServerStreamingCall(rpc, null, options, messages[0]))
                {
                    while (await call.ResponseStream.MoveNext(cancellationToken))
                    {
                    }
                }

                return null;
            case MethodType.ClientStreaming:
                using (var call = invoker.AsyncClientStreamingCall(rpc, null, options))
                {
                    try
                    {
                        foreach (var message in messages)
                        {
                            await call.RequestStream.WriteAsync(message, cancellationToken);
                        }

                        await call.RequestStream.CompleteAsync();
                    }
                    catch (RpcException)
                    {
                        // The server ended the call early; its status is in the response.
                    }
                    catch (InvalidOperationException)
                    {
                        // Writing after the call completed; its status is in the response.
                    }

                    return await call.ResponseAsync;
                }

            default:
                throw new NotSupportedException($"{method.FullName}: duplex streaming has no hostile cases yet");
        }
    }
}
