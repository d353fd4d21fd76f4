namespace ProcessorGateway.Core.Keys;

/// <summary>Port to where wrapped keys are kept. It may live in a database (and cluster) of its own.</summary>
public interface IKeyVault
{
    /// <summary>Stores a new key; a key with the same id is never overwritten.</summary>
    Task InsertAsync(WrappedKey key, CancellationToken cancellationToken);

    /// <summary>Stores a subject's key unless the subject has one already.</summary>
    /// <returns>The subject's key: this one, or the one another caller stored first.</returns>
    Task<WrappedKey> InsertSubjectKeyAsync(WrappedKey key, CancellationToken cancellationToken);

    /// <returns>The key, or <c>null</c> when the vault holds no key of that tenant and id.</returns>
    Task<WrappedKey?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken);

    /// <returns>The subject's key, or <c>null</c> when it has none.</returns>
    Task<WrappedKey?> FindSubjectKeyAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Every key of a tenant, subject keys included.</summary>
    Task<IReadOnlyList<WrappedKey>> ListTenantKeysAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Subject keys still wrapped by an older tenant data key, a batch at a time.</summary>
    Task<IReadOnlyList<WrappedKey>> ListWrappedByAsync(string tenantId, Guid tenantKeyId, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces a subject key's wrapping, unless another rewrap got there first.</summary>
    Task<bool> TryRewrapAsync(WrappedKey rewrapped, Guid previousWrappedById, CancellationToken cancellationToken);

    /// <summary>Deletes keys by id, with a majority write; deleting an absent key is not an error.</summary>
    Task<long> DeleteAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken);
}
