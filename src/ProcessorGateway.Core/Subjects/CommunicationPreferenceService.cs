using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Subjects;

/// <summary>Opt-outs per channel and category, and the check messaging services make before sending.</summary>
public sealed class CommunicationPreferenceService(TenantService tenants, ICommunicationPreferenceStore preferences, ErasedSubjectGuard erased, TimeProvider time)
{
    public async Task<CommunicationPreference> SetAsync(
        string? tenantId, string? subjectId, string? channel, string? category, bool allowed, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var on = CommunicationVocabulary.Channel(channel);
        var about = CommunicationVocabulary.Category(category);
        if (about == CommunicationVocabulary.Emergency && !allowed)
        {
            throw DomainErrors.Invalid("category", "emergency messages cannot be opted out of");
        }

        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var preference = new CommunicationPreference(tenant.TenantId, subject, on, about, allowed, time.GetUtcNow());
        await erased.WriteAsync(tenant.TenantId, subject, () => preferences.UpsertAsync(preference, cancellationToken),
            () => preferences.DeleteSubjectAsync(tenant.TenantId, subject, cancellationToken), cancellationToken).ConfigureAwait(false);
        return preference;
    }

    /// <summary>Every channel and category: the stored choice, or the default (allowed).</summary>
    public async Task<IReadOnlyList<CommunicationPreference>> GetAsync(string? tenantId, string? subjectId, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var stored = await preferences.ListAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        return CommunicationVocabulary.Channels
            .SelectMany(channel => CommunicationVocabulary.Categories.Select(category =>
                stored.FirstOrDefault(p => p.Channel == channel && p.Category == category)
                ?? new CommunicationPreference(tenant.TenantId, subject, channel, category, Allowed: true, UpdatedAt: null)))
            .ToList();
    }

    public async Task<(bool Allowed, string Reason)> CheckAsync(
        string? tenantId, string? subjectId, string? channel, string? category, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var on = CommunicationVocabulary.Channel(channel);
        var about = CommunicationVocabulary.Category(category);
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (about == CommunicationVocabulary.Emergency)
        {
            return (true, "emergency messages are always allowed");
        }

        var stored = (await preferences.ListAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(p => p.Channel == on && p.Category == about);
        return stored is { Allowed: false }
            ? (false, $"the subject opted out of {about} messages by {on}")
            : (true, stored is null ? $"no opt-out of {about} messages by {on}" : $"the subject accepts {about} messages by {on}");
    }
}
