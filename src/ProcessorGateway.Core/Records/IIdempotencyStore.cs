namespace ProcessorGateway.Core.Records;

/// <summary>Remembers the result of each write made with an idempotency key, per tenant.</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for a new request.</summary>
    /// <returns><c>null</c> when the key was free and is now claimed (pending); otherwise the entry already there.</returns>
    Task<IdempotencyEntry?> TryBeginAsync(string tenantId, IdempotencyEntry pending, CancellationToken cancellationToken);

    Task CompleteAsync(string tenantId, string key, long version, CancellationToken cancellationToken);
}
