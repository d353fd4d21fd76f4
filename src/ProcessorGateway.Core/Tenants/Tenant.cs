using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tenants;

/// <summary>An institution: the owner (controller) of its data, with its own keys.</summary>
public sealed record Tenant(
    string TenantId,
    string DisplayName,
    TenantStatus Status,
    KeyReference DataKey,
    KeyReference IndexKey,
    DateTimeOffset CreatedAt)
{
    /// <summary>This tenant, if its data may still be read and written.</summary>
    public Tenant RequireActive() =>
        Status == TenantStatus.Active ? this : throw DomainErrors.TenantNotActive(TenantId, Status.ToString().ToLowerInvariant());
}
