namespace ProcessorGateway.Core.Offboarding;

/// <summary>
/// A request to destroy a whole tenant, and who decided it: one operator client asks, a different one approves
/// before <see cref="ExpiresAt"/>. Client ids, times and the stated reason only. Replaced under <see cref="Version"/>.
/// </summary>
public sealed record TenantOffboarding(
    string RequestId,
    string TenantId,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    TenantOffboardingState State,
    long Version)
{
    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    public string? CancelledBy { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>The state as of <paramref name="now"/>: a pending request past its window reads expired.</summary>
    public TenantOffboardingState StateAt(DateTimeOffset now) =>
        State == TenantOffboardingState.Pending && now >= ExpiresAt ? TenantOffboardingState.Expired : State;
}
