namespace ProcessorGateway.Core.Tenants;

public interface ITenantRepository
{
    /// <returns><c>false</c> when a tenant with that id exists already.</returns>
    Task<bool> TryInsertAsync(Tenant tenant, CancellationToken cancellationToken);

    Task SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken);

    /// <returns>The tenant, or <c>null</c> when there is none with that id.</returns>
    Task<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken);
}
