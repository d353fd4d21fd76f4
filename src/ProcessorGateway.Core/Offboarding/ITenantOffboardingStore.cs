namespace ProcessorGateway.Core.Offboarding;

/// <summary>Offboarding requests: at most one pending per tenant, every transition a replace under the version.</summary>
public interface ITenantOffboardingStore
{
    /// <summary>
    /// Stores <paramref name="request"/> unless the tenant has a request pending and not expired at <paramref name="now"/>:
    /// that one comes back instead. Pending requests that expired no longer count.
    /// </summary>
    Task<TenantOffboarding> InsertOrGetPendingAsync(TenantOffboarding request, DateTimeOffset now, CancellationToken cancellationToken);

    Task<TenantOffboarding?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken);

    /// <returns>The request as stored (its version one more), or <c>null</c> when it changed since <paramref name="expectedVersion"/>.</returns>
    Task<TenantOffboarding?> TryReplaceAsync(TenantOffboarding request, long expectedVersion, CancellationToken cancellationToken);
}
