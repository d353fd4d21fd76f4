namespace ProcessorGateway.Core.Offboarding;

/// <summary>Stored states of an offboarding request; expiry is not stored but read from the clock (<see cref="TenantOffboarding.StateAt"/>).</summary>
public enum TenantOffboardingState
{
    Pending = 1,

    /// <summary>A second operator approved it: the shred runs (or ran), and a repeated approval completes or replays it.</summary>
    Approved = 2,

    Cancelled = 3,

    /// <summary>Pending past its window: never stored as such.</summary>
    Expired = 4,
}
