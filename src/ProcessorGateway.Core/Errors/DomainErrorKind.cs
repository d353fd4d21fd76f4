namespace ProcessorGateway.Core.Errors;

/// <summary>What went wrong, in terms a transport can map to its own status codes in one place.</summary>
public enum DomainErrorKind
{
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    Aborted,
    PermissionDenied,
    Unavailable,
}
