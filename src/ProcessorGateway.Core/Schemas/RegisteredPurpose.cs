namespace ProcessorGateway.Core.Schemas;

/// <summary>A purpose of a tenant with its category. A standard purpose has no registrar and no registration time.</summary>
/// <param name="Description">What the tenant uses data for under this purpose; no personal values.</param>
public sealed record RegisteredPurpose(
    string TenantId, string Name, PurposeCategory Category, string Description, bool Standard, string? RegisteredBy, DateTimeOffset? RegisteredAt);
