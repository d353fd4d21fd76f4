using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Caching;

/// <summary>Evicts a collection's newest schema from every replica's metadata cache after a new version is defined.</summary>
public sealed class InvalidatingSchemaRepository(ISchemaRepository inner, MetadataCache cache) : ISchemaRepository
{
    public async Task<bool> TryInsertAsync(CollectionSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        try
        {
            return await inner.TryInsertAsync(schema, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await cache.InvalidateAsync(MetadataKind.Schema, SchemaId(schema.TenantId, schema.Collection, 0), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<CollectionSchema?> FindAsync(string tenantId, string collection, int version, CancellationToken cancellationToken) =>
        inner.FindAsync(tenantId, collection, version, cancellationToken);

    public Task<IReadOnlyList<CollectionSchema>> ListVersionsAsync(string tenantId, string collection, CancellationToken cancellationToken) =>
        inner.ListVersionsAsync(tenantId, collection, cancellationToken);

    public Task<IReadOnlyList<CollectionSchema>> ListLatestAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.ListLatestAsync(tenantId, cancellationToken);

    public async Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var schemas = await inner.ListLatestAsync(tenantId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.DeleteTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var schema in schemas)
            {
                await cache.InvalidateAsync(MetadataKind.Schema, SchemaId(tenantId, schema.Collection, 0), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The cache id of one version (0: the newest) of a tenant's collection schema.</summary>
    public static string SchemaId(string tenantId, string collection, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tenantId}/{collection}/{version}");
}
