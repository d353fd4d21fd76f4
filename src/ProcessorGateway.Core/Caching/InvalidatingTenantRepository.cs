using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Caching;

/// <summary>Evicts a tenant from every replica's metadata cache after each change to it, whoever makes the change.</summary>
public sealed class InvalidatingTenantRepository(ITenantRepository inner, MetadataCache cache) : ITenantRepository
{
    public Task<bool> TryInsertAsync(Tenant tenant, CancellationToken cancellationToken) => inner.TryInsertAsync(tenant, cancellationToken);

    public async Task<bool> TryReplaceDataKeyAsync(string tenantId, KeyReference expected, KeyReference next, CancellationToken cancellationToken)
    {
        var replaced = await inner.TryReplaceDataKeyAsync(tenantId, expected, next, cancellationToken).ConfigureAwait(false);
        await cache.InvalidateAsync(MetadataKind.Tenant, tenantId, cancellationToken).ConfigureAwait(false);
        return replaced;
    }

    public Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken) => inner.ListIdsAsync(cancellationToken);

    public async Task SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken)
    {
        await inner.SetStatusAsync(tenantId, status, cancellationToken).ConfigureAwait(false);
        await cache.InvalidateAsync(MetadataKind.Tenant, tenantId, cancellationToken).ConfigureAwait(false);
    }

    public Task<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken) => inner.FindAsync(tenantId, cancellationToken);
}
