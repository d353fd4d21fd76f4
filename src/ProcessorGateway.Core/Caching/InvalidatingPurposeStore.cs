using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Caching;

/// <summary>Evicts a tenant's purposes from every replica's metadata cache after a registration, so every replica accepts it.</summary>
public sealed class InvalidatingPurposeStore(IPurposeStore inner, MetadataCache cache) : IPurposeStore
{
    public async Task<bool> TryInsertAsync(RegisteredPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        try
        {
            return await inner.TryInsertAsync(purpose, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await cache.InvalidateAsync(MetadataKind.Purposes, purpose.TenantId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<RegisteredPurpose>> ListAsync(string tenantId, CancellationToken cancellationToken) => inner.ListAsync(tenantId, cancellationToken);
}
