using ProcessorGateway.Core.Records;

namespace ProcessorGateway.Core.Retention;

/// <summary>
/// Storage port for the retention job. Every method takes the tenant first and filters on it. The queries are
/// built from the current schema on each pass (no due date is stored), so a schema change applies at once.
/// </summary>
public interface IRetentionStore
{
    Task<IReadOnlyList<StoredRecord>> ListDueAsync(string tenantId, DueQuery query, CancellationToken cancellationToken);

    /// <summary>How many records the query matches (paging ignored): the backlog it stands for.</summary>
    Task<long> CountDueAsync(string tenantId, DueQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the stored values of <paramref name="fields"/> (plain value or ciphertext) from a record still at
    /// <paramref name="expectedVersion"/> and not kept by an erasure, leaves it the blind-index tokens
    /// <paramref name="blindIndexes"/> and name-prefix tokens <paramref name="nameTokens"/> (its own less those of the erased values), and raises its version by one. Its update time stays: erasing a value is not a write that starts periods again.
    /// </summary>
    /// <returns><c>false</c> when the record is gone, kept, or at another version: another replica or a writer came first.</returns>
    Task<bool> TryEraseFieldsAsync(
        string tenantId, string collection, string recordId, long expectedVersion, IReadOnlyCollection<string> fields, IReadOnlyList<byte[]> blindIndexes,
        IReadOnlyList<byte[]> nameTokens, CancellationToken cancellationToken);
}
