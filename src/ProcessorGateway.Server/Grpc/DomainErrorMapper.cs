using Google.Rpc;
using Grpc.Core;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Server.Grpc;

/// <summary>The one place where domain errors become gRPC statuses.</summary>
internal static class DomainErrorMapper
{
    public static StatusCode ToStatusCode(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        DomainErrorKind.NotFound => StatusCode.NotFound,
        DomainErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        DomainErrorKind.Aborted => StatusCode.Aborted,
        DomainErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        DomainErrorKind.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    /// <summary>A status with the message, plus a <c>google.rpc.BadRequest</c> naming the field for invalid arguments.</summary>
    public static RpcException ToRpcException(DomainException exception)
    {
        var code = ToStatusCode(exception.Kind);
        var status = new Google.Rpc.Status { Code = (int)code, Message = exception.Message };
        if (exception.Kind == DomainErrorKind.InvalidArgument && exception.Field is not null)
        {
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = exception.Field, Description = WithoutFieldPrefix(exception) } },
            }));
        }

        return status.ToRpcException();
    }

    /// <summary>The violation names its field already; its description need not say it twice.</summary>
    private static string WithoutFieldPrefix(DomainException exception) =>
        exception.Message.StartsWith(exception.Field + ": ", StringComparison.Ordinal) ? exception.Message[(exception.Field!.Length + 2)..] : exception.Message;
}
