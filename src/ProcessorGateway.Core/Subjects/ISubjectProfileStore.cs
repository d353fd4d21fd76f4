namespace ProcessorGateway.Core.Subjects;

/// <summary>Storage port for subject profiles. Every method takes the tenant first and filters on it.</summary>
public interface ISubjectProfileStore
{
    /// <returns>The profile, or <c>null</c> when none was ever set.</returns>
    Task<SubjectProfile?> FindAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    Task UpsertAsync(SubjectProfile profile, CancellationToken cancellationToken);

    /// <summary>Every profile of the tenant, read through a cursor a batch at a time.</summary>
    IAsyncEnumerable<SubjectProfile> StreamAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes the subject's profile (an erasure); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Deletes every profile of the tenant (offboarding); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken);
}
