namespace ProcessorGateway.Core.Shredding;

/// <summary>
/// Port to the append-only shred ledger. It lives in a database of its own that is never restored to
/// an earlier point, so it is the memory of every destruction across backup restores.
/// </summary>
public interface IShredLedger
{
    /// <summary>Appends a tombstone; appending one for a key already in the ledger keeps the first.</summary>
    Task AppendAsync(ShredRecord record, CancellationToken cancellationToken);

    /// <returns>The tombstone of that key, or <c>null</c> when the key was never shredded.</returns>
    Task<ShredRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken);

    /// <returns>The tombstone of the subject's key, or <c>null</c> when the subject's key was never shredded.</returns>
    Task<ShredRecord?> FindSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Every tombstone of one tenant.</summary>
    Task<IReadOnlyList<ShredRecord>> ListTenantAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every tombstone, for reconciling the key vault and records after a restore.</summary>
    IAsyncEnumerable<ShredRecord> ListAsync(CancellationToken cancellationToken);
}
