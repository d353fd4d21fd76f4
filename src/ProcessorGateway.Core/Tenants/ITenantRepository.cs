using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tenants;

public interface ITenantRepository
{
    /// <returns><c>false</c> when a tenant with that id exists already.</returns>
    Task<bool> TryInsertAsync(Tenant tenant, CancellationToken cancellationToken);

    /// <returns><c>false</c> unless the tenant's data key was <paramref name="expected"/> and is now <paramref name="next"/>.</returns>
    Task<bool> TryReplaceDataKeyAsync(string tenantId, KeyReference expected, KeyReference next, CancellationToken cancellationToken);

    /// <summary>Every tenant id, for maintenance jobs.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken);

    Task SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken);

    /// <returns>The tenant, or <c>null</c> when there is none with that id.</returns>
    Task<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken);
}
