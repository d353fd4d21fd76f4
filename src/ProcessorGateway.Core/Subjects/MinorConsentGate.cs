namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Children's data only under consent: a minor's personal fields may be read for a purpose only while
/// a live consent (not withdrawn, not expired) covers it. Reads ask once per subject per call.
/// </summary>
public sealed class MinorConsentGate(ISubjectProfileStore profiles, IConsentStore consents, TimeProvider time)
{
    /// <returns><c>null</c> when the subject's personal fields may be read for the purpose; otherwise why not.</returns>
    public async Task<string?> WithholdReasonAsync(string tenantId, string? subjectId, string purpose, CancellationToken cancellationToken)
    {
        if (subjectId is null)
        {
            return null;
        }

        var profile = await profiles.FindAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
        if (profile is not { Minor: true })
        {
            return null;
        }

        var now = time.GetUtcNow();
        var granted = await consents.ListAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
        return granted.Any(c => c.Covers(purpose, now))
            ? null
            : $"the subject is a minor and no live consent covers purpose '{purpose}'";
    }

    /// <summary>Answers for each subject once per call (a page of a query may hold many records of one subject).</summary>
    public Func<string?, Task<string?>> ForCall(string tenantId, string purpose, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        return async subjectId =>
        {
            if (subjectId is null)
            {
                return null;
            }

            if (!seen.TryGetValue(subjectId, out var reason))
            {
                reason = await WithholdReasonAsync(tenantId, subjectId, purpose, cancellationToken).ConfigureAwait(false);
                seen[subjectId] = reason;
            }

            return reason;
        };
    }
}
