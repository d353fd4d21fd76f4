using Grpc.Core;

namespace ProcessorGateway.Cli;

/// <summary>
/// One exit code per gRPC status and per local failure, so a script can tell "retry later" from "fix the request"
/// without reading the message. The numbers are a published contract (docs/pgctl.md): never renumber one.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>pgctl itself failed in a way it has no name for (a bug, or a file it could not write).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong or a setting is missing; no call was made.</summary>
    public const int Usage = 2;
    public const int Authentication = 3;
    public const int PermissionDenied = 4;
    public const int NotFound = 5;
    public const int FailedPrecondition = 6;
    public const int InvalidArgument = 7;
    public const int Unavailable = 8;
    public const int Internal = 9;

    /// <summary>What was checked does not hold: a deletion receipt's signature, or an audit chain with a broken link.</summary>
    public const int VerificationFailed = 10;
    public const int AlreadyExists = 11;
    public const int Aborted = 12;
    public const int OutOfRange = 13;
    public const int DeadlineExceeded = 14;
    public const int ResourceExhausted = 15;
    public const int Cancelled = 16;
    public const int Unknown = 17;
    public const int Unimplemented = 18;
    public const int DataLoss = 19;

    /// <summary>128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Interrupted = 130;

    /// <summary>The canonical name (as in google/rpc/code.proto) and exit code of every status but OK.</summary>
    public static IReadOnlyDictionary<StatusCode, (string Name, int ExitCode)> Statuses { get; } = new Dictionary<StatusCode, (string, int)>
    {
        [StatusCode.Cancelled] = ("CANCELLED", Cancelled),
        [StatusCode.Unknown] = ("UNKNOWN", Unknown),
        [StatusCode.InvalidArgument] = ("INVALID_ARGUMENT", InvalidArgument),
        [StatusCode.DeadlineExceeded] = ("DEADLINE_EXCEEDED", DeadlineExceeded),
        [StatusCode.NotFound] = ("NOT_FOUND", NotFound),
        [StatusCode.AlreadyExists] = ("ALREADY_EXISTS", AlreadyExists),
        [StatusCode.PermissionDenied] = ("PERMISSION_DENIED", PermissionDenied),
        [StatusCode.ResourceExhausted] = ("RESOURCE_EXHAUSTED", ResourceExhausted),
        [StatusCode.FailedPrecondition] = ("FAILED_PRECONDITION", FailedPrecondition),
        [StatusCode.Aborted] = ("ABORTED", Aborted),
        [StatusCode.OutOfRange] = ("OUT_OF_RANGE", OutOfRange),
        [StatusCode.Unimplemented] = ("UNIMPLEMENTED", Unimplemented),
        [StatusCode.Internal] = ("INTERNAL", Internal),
        [StatusCode.Unavailable] = ("UNAVAILABLE", Unavailable),
        [StatusCode.DataLoss] = ("DATA_LOSS", DataLoss),
        [StatusCode.Unauthenticated] = ("UNAUTHENTICATED", Authentication),
    };

    public static int For(StatusCode code) =>
        code == StatusCode.OK ? Ok : Statuses.TryGetValue(code, out var status) ? status.ExitCode : Unknown;

    public static string NameOf(StatusCode code) =>
        code == StatusCode.OK ? "OK" : Statuses.TryGetValue(code, out var status) ? status.Name : "UNKNOWN";
}
