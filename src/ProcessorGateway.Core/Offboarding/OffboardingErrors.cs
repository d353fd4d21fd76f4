using System.Globalization;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Offboarding;

/// <summary>Why an offboarding step is refused, in one place so every path (the RPCs, a tenant's erasure request) says it alike.</summary>
public static class OffboardingErrors
{
    /// <param name="what">The request as a person reads it: "offboarding request 'abc'".</param>
    public static DomainException SameOperator(string what, string operatorClientId, string field) =>
        new(DomainErrorKind.PermissionDenied,
            $"operator client '{operatorClientId}' asked for {what}: destroying a tenant needs a second, different operator client to approve it",
            field);

    public static DomainException NotFound(string requestId, string field) => DomainErrors.NotFound("offboarding request", requestId, field);

    public static DomainException Expired(TenantOffboarding request, string field) =>
        new(DomainErrorKind.FailedPrecondition, string.Create(CultureInfo.InvariantCulture,
            $"offboarding request '{request.RequestId}' expired at {request.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'} without a second operator's approval; nothing was destroyed: ask again with RequestTenantOffboarding"),
            field);

    public static DomainException Cancelled(TenantOffboarding request, string field) =>
        new(DomainErrorKind.FailedPrecondition, string.Create(CultureInfo.InvariantCulture,
            $"offboarding request '{request.RequestId}' was cancelled by operator client '{request.CancelledBy}' at {request.CancelledAt:yyyy-MM-dd'T'HH:mm:ss'Z'}; nothing was destroyed: ask again with RequestTenantOffboarding"),
            field);

    public static DomainException AlreadyApproved(TenantOffboarding request, string field) =>
        new(DomainErrorKind.FailedPrecondition,
            $"offboarding request '{request.RequestId}' was approved by operator client '{request.ApprovedBy}': the tenant's keys are destroyed, so it cannot be cancelled",
            field);

    public static DomainException ChangedMeanwhile(string requestId, string field) => DomainErrors.ChangedMeanwhile($"offboarding request '{requestId}'", field);
}
