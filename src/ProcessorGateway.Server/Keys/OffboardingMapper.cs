using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Offboarding;

namespace ProcessorGateway.Server.Keys;

internal static class OffboardingMapper
{
    public static Contracts.V1.TenantOffboarding ToProto(TenantOffboarding r) => new()
    {
        RequestId = r.RequestId,
        TenantId = r.TenantId,
        Reason = r.Reason,
        State = r.State switch
        {
            TenantOffboardingState.Pending => Contracts.V1.TenantOffboardingState.Pending,
            TenantOffboardingState.Approved => Contracts.V1.TenantOffboardingState.Approved,
            TenantOffboardingState.Cancelled => Contracts.V1.TenantOffboardingState.Cancelled,
            TenantOffboardingState.Expired => Contracts.V1.TenantOffboardingState.Expired,
            _ => Contracts.V1.TenantOffboardingState.Unspecified,
        },
        RequestedBy = r.RequestedBy,
        RequestedAt = Timestamp.FromDateTimeOffset(r.RequestedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(r.ExpiresAt),
        ApprovedBy = r.ApprovedBy ?? string.Empty,
        ApprovedAt = r.ApprovedAt is { } approved ? Timestamp.FromDateTimeOffset(approved) : null,
        CancelledBy = r.CancelledBy ?? string.Empty,
        CancelledAt = r.CancelledAt is { } cancelled ? Timestamp.FromDateTimeOffset(cancelled) : null,
    };
}
