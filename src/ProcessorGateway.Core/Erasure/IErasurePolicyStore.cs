namespace ProcessorGateway.Core.Erasure;

/// <summary>Storage port for what governs erasure in a tenant: its calendar, legal holds and retention rules.</summary>
public interface IErasurePolicyStore
{
    Task<BusinessCalendar?> FindCalendarAsync(string tenantId, CancellationToken cancellationToken);

    Task SaveCalendarAsync(string tenantId, BusinessCalendar calendar, CancellationToken cancellationToken);

    Task InsertHoldAsync(LegalHold hold, CancellationToken cancellationToken);

    Task<LegalHold?> FindHoldAsync(string tenantId, string holdId, CancellationToken cancellationToken);

    /// <returns>The hold as released, or <c>null</c> when there is no such hold.</returns>
    Task<LegalHold?> ReleaseHoldAsync(string tenantId, string holdId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <param name="subjectId">Null: every subject's.</param>
    Task<IReadOnlyList<LegalHold>> ListHoldsAsync(string tenantId, string? subjectId, bool activeOnly, CancellationToken cancellationToken);

    /// <summary>Sets the rule of a collection; zero years removes it.</summary>
    Task SaveRuleAsync(RetentionRule rule, CancellationToken cancellationToken);

    Task<IReadOnlyList<RetentionRule>> ListRulesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes every legal hold of the tenant, released or not (offboarding).</summary>
    /// <returns>How many were deleted.</returns>
    Task<long> DeleteTenantHoldsAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes every retention rule of the tenant (offboarding).</summary>
    /// <returns>How many were deleted.</returns>
    Task<long> DeleteTenantRulesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes the tenant's calendar (offboarding).</summary>
    /// <returns>How many were deleted (0 or 1).</returns>
    Task<long> DeleteCalendarAsync(string tenantId, CancellationToken cancellationToken);
}
