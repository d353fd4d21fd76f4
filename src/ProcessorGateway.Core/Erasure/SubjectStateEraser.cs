using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Deletes what is kept about an erased subject besides records: the profile (the minor flag), the consents (purposes,
/// dates, and the grantor, unreadable already with the subject key) and the communication preferences. Legal holds and
/// retention rules keep records only: none of these is a record, so none is kept. Runs after the subject key is shredded,
/// when no new state can be written for the subject (<see cref="ErasedSubjectGuard"/>); every step is idempotent.
/// </summary>
public sealed class SubjectStateEraser(
    IErasureRequestStore requests, IErasedStateCensus census, ISubjectProfileStore profiles, IConsentStore consents,
    ICommunicationPreferenceStore preferences)
{
    /// <returns>The request with what was erased in <see cref="ErasureRequest.AlsoErased"/>, or <c>null</c> when the lease was lost.</returns>
    public async Task<ErasureRequest?> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.SubjectId ?? throw new ArgumentException("only a subject's request erases a subject's state", nameof(request));
        var counted = await ErasedStateCounts.StoreOnceAsync(
            requests, request, () => census.CountSubjectAsync(request.TenantId, subject, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (counted is null)
        {
            return null;
        }

        await profiles.DeleteSubjectAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false);
        await consents.DeleteSubjectAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false);
        await preferences.DeleteSubjectAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false);
        return counted;
    }
}
