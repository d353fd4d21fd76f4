using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Caching;

/// <summary>
/// Evicts a tenant from every replica's metadata cache after each change to it, whoever makes the change; also
/// after a write that failed, which may have been applied all the same.
/// </summary>
public sealed class InvalidatingTenantRepository(ITenantRepository inner, MetadataCache cache) : ITenantRepository
{
    public Task<bool> TryInsertAsync(Tenant tenant, CancellationToken cancellationToken) => inner.TryInsertAsync(tenant, cancellationToken);

    public async Task<bool> TryReplaceDataKeyAsync(string tenantId, KeyReference expected, KeyReference next, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryReplaceDataKeyAsync(tenantId, expected, next, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await cache.InvalidateAsync(MetadataKind.Tenant, tenantId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken) => inner.ListIdsAsync(cancellationToken);

    public async Task SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetStatusAsync(tenantId, status, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await cache.InvalidateAsync(MetadataKind.Tenant, tenantId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken) => inner.FindAsync(tenantId, cancellationToken);
}
