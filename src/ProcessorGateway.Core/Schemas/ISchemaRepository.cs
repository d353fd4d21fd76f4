namespace ProcessorGateway.Core.Schemas;

public interface ISchemaRepository
{
    /// <returns><c>false</c> when that version of the collection's schema exists already.</returns>
    Task<bool> TryInsertAsync(CollectionSchema schema, CancellationToken cancellationToken);

    /// <param name="version">0 for the newest version.</param>
    /// <returns>The schema, or <c>null</c> when there is none.</returns>
    Task<CollectionSchema?> FindAsync(string tenantId, string collection, int version, CancellationToken cancellationToken);

    /// <summary>Every version of one collection's schema, oldest first: what each field name was ever declared as.</summary>
    Task<IReadOnlyList<CollectionSchema>> ListVersionsAsync(string tenantId, string collection, CancellationToken cancellationToken);

    /// <summary>The newest version of every collection of the tenant, by collection name.</summary>
    Task<IReadOnlyList<CollectionSchema>> ListLatestAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes every schema version of the tenant (offboarding); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken);
}
