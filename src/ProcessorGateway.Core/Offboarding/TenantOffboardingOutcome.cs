using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Core.Offboarding;

/// <summary>An approved offboarding: the request (naming both operators) and what the shred destroyed.</summary>
public sealed record TenantOffboardingOutcome(TenantOffboarding Request, ShredOutcome Shred);
