namespace ProcessorGateway.Core.Subjects;

/// <summary>Storage port for consents. Every method takes the tenant first and filters on it.</summary>
public interface IConsentStore
{
    Task InsertAsync(StoredConsent consent, CancellationToken cancellationToken);

    /// <summary>The subject's consents, oldest first.</summary>
    Task<IReadOnlyList<StoredConsent>> ListAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Sets the withdrawal time unless it is set already; returns the consent as stored, or <c>null</c> when there is none.</summary>
    Task<StoredConsent?> WithdrawAsync(string tenantId, string subjectId, string consentId, DateTimeOffset withdrawnAt, CancellationToken cancellationToken);

    /// <summary>Every consent of the tenant, read through a cursor a batch at a time.</summary>
    IAsyncEnumerable<StoredConsent> StreamAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes the subject's consents (an erasure); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Deletes every consent of the tenant (offboarding); repeating it deletes nothing more.</summary>
    /// <returns>How many documents were deleted.</returns>
    Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken);
}
