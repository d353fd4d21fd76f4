namespace ProcessorGateway.Core.Keys;

/// <summary>Port to where wrapped keys are kept. It may live in a database (and cluster) of its own.</summary>
public interface IKeyVault
{
    /// <summary>Stores a new key; a key with the same id is never overwritten.</summary>
    Task InsertAsync(WrappedKey key, CancellationToken cancellationToken);

    /// <returns>The key, or <c>null</c> when the vault holds no key of that tenant and id.</returns>
    Task<WrappedKey?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken);
}
