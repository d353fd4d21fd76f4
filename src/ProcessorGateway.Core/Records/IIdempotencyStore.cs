namespace ProcessorGateway.Core.Records;

/// <summary>Remembers the result of each write made with an idempotency key, per tenant.</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for a new request.</summary>
    /// <returns><c>null</c> when the key was free and is now claimed (pending); otherwise the entry already there.</returns>
    Task<IdempotencyEntry?> TryBeginAsync(string tenantId, IdempotencyEntry pending, CancellationToken cancellationToken);

    /// <summary>Claims many keys at once (for a batch), each as <see cref="TryBeginAsync"/> would, independently of the others.</summary>
    /// <returns>Per entry, in order: <c>true</c> when this call now holds the key; <c>false</c> when it does not (claimed already, or the store refused the whole bulk): claim it again on its own.</returns>
    Task<IReadOnlyList<bool>> TryBeginManyAsync(string tenantId, IReadOnlyList<IdempotencyEntry> pending, CancellationToken cancellationToken);

    Task CompleteAsync(string tenantId, string key, long version, CancellationToken cancellationToken);

    /// <summary>Completes many keys at once, each as <see cref="CompleteAsync"/> would.</summary>
    Task CompleteManyAsync(string tenantId, IReadOnlyList<(string Key, long Version)> completed, CancellationToken cancellationToken);

    /// <returns>The entry, or <c>null</c> when the key is not claimed.</returns>
    Task<IdempotencyEntry?> FindAsync(string tenantId, string key, CancellationToken cancellationToken);

    /// <summary>Gives up a pending claim (never a completed one), so a retry of a refused request runs afresh.</summary>
    Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken);

    /// <summary>Maintenance across every tenant: forgets keys claimed before <paramref name="cutoff"/>.</summary>
    /// <returns>How many keys were removed.</returns>
    Task<long> PurgeClaimedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Deletes every idempotency key of the tenant (offboarding); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken);
}
