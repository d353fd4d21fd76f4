namespace ProcessorGateway.Core.Erasure;

/// <summary>Storage port for erasure requests. Every tenant's requests are kept apart; only the job's claims span tenants.</summary>
public interface IErasureRequestStore
{
    /// <summary>Inserts a new request, unless the same target has an open one: then returns that one.</summary>
    Task<ErasureRequest> InsertOrGetOpenAsync(ErasureRequest request, CancellationToken cancellationToken);

    Task<ErasureRequest?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken);

    /// <summary>Replaces the request if it is still at <paramref name="expectedVersion"/>; the stored version becomes one more.</summary>
    /// <returns>The stored request, or <c>null</c> when another writer got there first.</returns>
    Task<ErasureRequest?> TryReplaceAsync(ErasureRequest request, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one request to execute, across tenants: a verified one with a part whose execute-after time has passed by
    /// <paramref name="now"/> (a request stored before parts existed: any verified one), or an executing one whose
    /// lease lapsed (a crashed execution). Sets the state to executing under a new lease.
    /// </summary>
    Task<ErasureRequest?> ClaimDueAsync(DateTimeOffset now, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Claims this verified request for execution now, if no one holds it.</summary>
    Task<ErasureRequest?> ClaimAsync(string tenantId, string requestId, DateTimeOffset now, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task<IReadOnlyList<ErasureRequest>> ListAsync(string tenantId, ErasureFilter filter, CancellationToken cancellationToken);

    /// <summary>Executed requests not yet marked purged, across tenants, a batch at a time.</summary>
    Task<IReadOnlyList<ErasureRequest>> ListExecutedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Executed (or purged) requests that kept records under a retained key not yet destroyed, whose next
    /// check is due by <paramref name="now"/>, across tenants, the longest waiting first.
    /// </summary>
    Task<IReadOnlyList<ErasureRequest>> ListKeepingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Open requests, across tenants, whose next deadline (<see cref="ErasureRequest.NextDeadline"/>) is before
    /// <paramref name="dueBefore"/> (and not before <paramref name="dueAfter"/>).
    /// </summary>
    Task<long> CountOpenAsync(DateTimeOffset? dueAfter, DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>Deletes every request of the tenant but <paramref name="keptRequestId"/> (offboarding: that one holds the receipt).</summary>
    /// <returns>How many were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, string keptRequestId, CancellationToken cancellationToken);

    /// <summary>Open requests, across tenants, past a deadline the tenant's channels were not yet told of (<see cref="ErasureRequest.NextOverdueNotice"/>), the longest overdue first.</summary>
    Task<IReadOnlyList<ErasureRequest>> ListOverdueUnnotifiedAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
