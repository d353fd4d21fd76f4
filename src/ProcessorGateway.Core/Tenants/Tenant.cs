using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tenants;

/// <summary>An institution: the owner (controller) of its data, with its own keys.</summary>
public sealed record Tenant(
    string TenantId,
    string DisplayName,
    TenantStatus Status,
    KeyReference DataKey,
    KeyReference IndexKey,
    DateTimeOffset CreatedAt);
