using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Erasure;

/// <summary>Validation of the free-text reasons erasure keeps: required, bounded, no control characters.</summary>
public static class ErasureText
{
    public const int MaxReasonLength = 500;

    public static string Reason(string? value, string field = "reason") =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxReasonLength || value.Any(char.IsControl)
            ? throw DomainErrors.Invalid(field, "is required: up to 500 characters saying why, with no control characters (never a personal value)")
            : value.Trim();

    public static DomainException RequestNotFound(string requestId) =>
        new(DomainErrorKind.NotFound, $"erasure request '{requestId}' does not exist", "request_id");

    public static DomainException WrongState(ErasureRequest request, string action) =>
        new(DomainErrorKind.FailedPrecondition, $"erasure request '{request.RequestId}' is {request.State.ToString().ToLowerInvariant()} and cannot be {action}", "request_id");

    public static DomainException Busy(string requestId) =>
        new(DomainErrorKind.Aborted, $"erasure request '{requestId}' changed while this call ran; retry it", "request_id");
}
