using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Subjects;

/// <summary>Sets and reads subject profiles (the minor flag).</summary>
public sealed class SubjectProfileService(TenantService tenants, ISubjectProfileStore profiles, ErasedSubjectGuard erased, TimeProvider time)
{
    public async Task<SubjectProfile> SetAsync(string? tenantId, string? subjectId, bool minor, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var profile = new SubjectProfile(tenant.TenantId, subject, minor, time.GetUtcNow());
        await erased.WriteAsync(tenant.TenantId, subject, () => profiles.UpsertAsync(profile, cancellationToken),
            () => profiles.DeleteSubjectAsync(tenant.TenantId, subject, cancellationToken), cancellationToken).ConfigureAwait(false);
        return profile;
    }

    /// <summary>The profile; a subject never profiled (or erased, whose profile was deleted) is not a minor.</summary>
    public async Task<SubjectProfile> GetAsync(string? tenantId, string? subjectId, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return await profiles.FindAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false)
            ?? new SubjectProfile(tenant.TenantId, subject, Minor: false, UpdatedAt: null);
    }
}
