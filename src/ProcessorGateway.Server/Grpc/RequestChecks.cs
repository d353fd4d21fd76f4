using System.Globalization;
using Grpc.Core;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Server.Grpc;

/// <summary>The checks every request message gets before its service runs, with one refusal whichever way it arrived (gRPC, gRPC-Web, JSON).</summary>
internal static class RequestChecks
{
    /// <summary>INVALID_ARGUMENT naming <c>request</c> when a message of this many (protobuf) bytes is over <see cref="Limits.MaxRequestMessageBytes"/>.</summary>
    public static void CheckSize(long bytes)
    {
        if (bytes > Limits.MaxRequestMessageBytes)
        {
            throw DomainErrorMapper.ToRpcException(DomainErrors.Invalid("request", string.Create(CultureInfo.InvariantCulture,
                $"is {bytes} bytes, over the request message size limit of {Limits.MaxRequestMessageBytes} bytes")));
        }
    }

    /// <summary>INVALID_ARGUMENT naming <c>request</c>, for a message that does not parse; the parser's message names the defect, never the bytes.</summary>
    public static RpcException Unparsable(string messageType, string defect) =>
        DomainErrorMapper.ToRpcException(DomainErrors.Invalid("request", $"is not a valid {messageType} message: {defect}"));
}
