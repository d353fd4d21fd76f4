namespace ProcessorGateway.Core.Records;

/// <summary>
/// Storage port for records. Every method takes the tenant first and every implementation filters on
/// it, so no call can reach across tenants. Writes are single-document and guarded by version.
/// </summary>
public interface IRecordRepository
{
    /// <returns><c>false</c> when a record with that id exists already.</returns>
    Task<bool> TryInsertAsync(string tenantId, StoredRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces everything but the stored record's creation time, which stays as first written.</summary>
    /// <returns><c>false</c> unless the stored record was at <paramref name="expectedVersion"/> and is now replaced; a kept record (<see cref="StoredRecord.Retention"/>) never matches.</returns>
    Task<bool> TryReplaceAsync(string tenantId, StoredRecord record, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Many writes of one tenant at once (one round trip where the store allows): each an insert (expected version 0,
    /// as <see cref="TryInsertAsync"/>) or a replace under its expected version (as <see cref="TryReplaceAsync"/>).
    /// Writes are independent: one that fails does not stop the others.
    /// </summary>
    /// <returns>
    /// Per write, in order: <c>true</c> when it landed; <c>false</c> when it did not (the record exists, is at another
    /// version or kept, or the store refused the whole batch), and the caller should make it again on its own to learn why.
    /// </returns>
    Task<IReadOnlyList<bool>> TryWriteManyAsync(string tenantId, IReadOnlyList<(StoredRecord Record, long ExpectedVersion)> writes, CancellationToken cancellationToken);

    /// <param name="expectedVersion">0 for any version.</param>
    /// <returns><c>false</c> when no record matched; a kept record (<see cref="StoredRecord.Retention"/>) never matches.</returns>
    Task<bool> TryDeleteAsync(string tenantId, string collection, string recordId, long expectedVersion, CancellationToken cancellationToken);

    /// <returns>The record, or <c>null</c> when there is none.</returns>
    Task<StoredRecord?> FindAsync(string tenantId, string collection, string recordId, CancellationToken cancellationToken);

    /// <returns>Those of the named records that exist, in one round trip, in no particular order.</returns>
    Task<IReadOnlyList<StoredRecord>> FindManyAsync(string tenantId, IReadOnlyList<(string Collection, string RecordId)> records, CancellationToken cancellationToken);

    /// <summary>Records without a subject whose personal fields are under this tenant data key, a batch at a time.</summary>
    Task<IReadOnlyList<StoredRecord>> ListByDataKeyAsync(string tenantId, Guid dataKeyId, int limit, CancellationToken cancellationToken);

    /// <summary>Purge: deletes every record of a subject except those an erasure kept under a retained key. Returns how many.</summary>
    Task<long> DeleteSubjectRecordsAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Purge: deletes the kept records whose personal fields are under this (destroyed) retained key. Returns how many.</summary>
    Task<long> DeleteRetainedRecordsAsync(string tenantId, Guid retainedKeyId, CancellationToken cancellationToken);

    /// <summary>Purge: deletes every record of a tenant. Returns how many.</summary>
    Task<long> DeleteTenantRecordsAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Removes the blind-index and name-prefix tokens of every record of a subject whose key was shredded.</summary>
    Task RemoveBlindIndexesAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredRecord>> QueryAsync(string tenantId, RecordQuery query, CancellationToken cancellationToken);
}
