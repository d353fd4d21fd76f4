using Grpc.Core;

namespace ProcessorGateway.Cli;

/// <summary>One exit code per kind of failure, so a script can tell "retry later" from "fix the request".</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Authentication = 3;
    public const int PermissionDenied = 4;
    public const int NotFound = 5;
    public const int Conflict = 6;
    public const int InvalidArgument = 7;
    public const int Unavailable = 8;
    public const int ServerError = 9;

    /// <summary>What was checked does not hold: a deletion receipt's signature, or an audit chain with a broken link.</summary>
    public const int VerificationFailed = 10;

    /// <summary>128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Interrupted = 130;

    public static int For(StatusCode code) => code switch
    {
        StatusCode.OK => Ok,
        StatusCode.Unauthenticated => Authentication,
        StatusCode.PermissionDenied => PermissionDenied,
        StatusCode.NotFound => NotFound,
        StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted => Conflict,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => InvalidArgument,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Cancelled => Unavailable,
        _ => ServerError,
    };
}
