namespace ProcessorGateway.Core.Subjects;

/// <summary>Storage port for communication preferences. Every method takes the tenant first and filters on it.</summary>
public interface ICommunicationPreferenceStore
{
    Task UpsertAsync(CommunicationPreference preference, CancellationToken cancellationToken);

    Task<IReadOnlyList<CommunicationPreference>> ListAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Every stored preference of the tenant, read through a cursor a batch at a time.</summary>
    IAsyncEnumerable<CommunicationPreference> StreamAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes the subject's communication preferences (an erasure); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Deletes every communication preference of the tenant (offboarding); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken);
}
