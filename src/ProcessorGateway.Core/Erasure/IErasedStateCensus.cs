namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Counts the state an erasure deletes besides records, before it is deleted: the counts are stored with the request
/// first, so a resumed execution (whose deletes then find less or nothing) still states what the first run removed.
/// </summary>
public interface IErasedStateCensus
{
    /// <summary>One item per kind of <see cref="ErasedKinds.Subject"/>, zero counts included.</summary>
    Task<IReadOnlyList<ErasedItem>> CountSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>One item per kind of <see cref="ErasedKinds.Tenant"/>, zero counts included; the request <paramref name="keptRequestId"/> is not counted.</summary>
    Task<IReadOnlyList<ErasedItem>> CountTenantAsync(string tenantId, string keptRequestId, CancellationToken cancellationToken);
}
