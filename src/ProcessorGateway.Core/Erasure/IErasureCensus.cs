namespace ProcessorGateway.Core.Erasure;

/// <summary>Read-only view of the records an erasure would touch: for holds, retention rules and the receipt's counts.</summary>
public interface IErasureCensus
{
    /// <summary>A subject's records (up to <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<SubjectRecord>> ListSubjectRecordsAsync(string tenantId, string subjectId, int limit, CancellationToken cancellationToken);

    /// <summary>A collection's records (up to <paramref name="limit"/>), for a whole-tenant erasure.</summary>
    Task<IReadOnlyList<SubjectRecord>> ListCollectionRecordsAsync(string tenantId, string collection, int limit, CancellationToken cancellationToken);

    /// <summary>Records per collection: of one subject, or of the whole tenant when <paramref name="subjectId"/> is null.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByCollectionAsync(string tenantId, string? subjectId, CancellationToken cancellationToken);
}
