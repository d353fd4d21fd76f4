using System.Globalization;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Erasure;

/// <summary>A tenant's erasure calendar, legal holds and retention rules.</summary>
public sealed class ErasurePolicyService(IErasurePolicyStore store, ErasureClock clock)
{
    public async Task<BusinessCalendar> CalendarAsync(string tenantId, CancellationToken cancellationToken) =>
        await store.FindCalendarAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? BusinessCalendar.Default;

    /// <param name="weekendDays">0 = Sunday … 6 = Saturday; empty: Saturday and Sunday.</param>
    /// <param name="institutionPeriod">30–45; 0 keeps the default of 30.</param>
    /// <param name="verificationPeriod">1–30; 0 keeps the default of 5.</param>
    /// <param name="timeZone">An IANA id; empty: UTC.</param>
    /// <param name="ageOfMajority">14–21; 0 keeps the default of 18.</param>
    public async Task<BusinessCalendar> SetCalendarAsync(
        string tenantId, IReadOnlyList<int> weekendDays, IReadOnlyList<string> holidays, int institutionPeriod, int verificationPeriod, string? timeZone,
        CancellationToken cancellationToken, int ageOfMajority = 0)
    {
        ArgumentNullException.ThrowIfNull(weekendDays);
        ArgumentNullException.ThrowIfNull(holidays);
        if (weekendDays.Any(d => d is < 0 or > 6))
        {
            throw DomainErrors.Invalid("weekend_days", "each day must be 0 (Sunday) to 6 (Saturday)");
        }

        var calendar = new BusinessCalendar(
            weekendDays.Count == 0 ? BusinessCalendar.Default.WeekendDays : weekendDays.Select(d => (DayOfWeek)d),
            holidays.Select(BusinessCalendar.ParseHoliday),
            institutionPeriod == 0 ? BusinessCalendar.MinInstitutionPeriod : institutionPeriod,
            verificationPeriod == 0 ? BusinessCalendar.DefaultVerificationPeriod : verificationPeriod,
            TenantTimeZone.Parse(timeZone))
        {
            AgeOfMajority = ageOfMajority == 0 ? BusinessCalendar.DefaultAgeOfMajority : ageOfMajority,
        };
        await store.SaveCalendarAsync(tenantId, calendar, cancellationToken).ConfigureAwait(false);
        return calendar;
    }

    public async Task<LegalHold> PlaceHoldAsync(string tenantId, string? subjectId, string? collection, string? reason, string actor, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var scope = string.IsNullOrEmpty(collection) ? null : Identifiers.Name(collection, "collection");
        var hold = new LegalHold($"hold-{Guid.NewGuid():N}"[..21], tenantId, subject, scope, Identifiers.Reason(reason), clock.Now(), actor, null);
        await store.InsertHoldAsync(hold, cancellationToken).ConfigureAwait(false);
        return hold;
    }

    public async Task<LegalHold> ReleaseHoldAsync(string tenantId, string? holdId, CancellationToken cancellationToken)
    {
        var id = Identifiers.RecordId(holdId, "hold_id");
        var hold = await store.FindHoldAsync(tenantId, id, cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.NotFound("legal hold", id, "hold_id");
        return hold.ReleasedAt is not null
            ? hold
            : await store.ReleaseHoldAsync(tenantId, id, clock.Now(), cancellationToken).ConfigureAwait(false) ?? hold;
    }

    public Task<IReadOnlyList<LegalHold>> ListHoldsAsync(string tenantId, string? subjectId, CancellationToken cancellationToken) =>
        store.ListHoldsAsync(tenantId, Identifiers.OptionalRecordId(subjectId, "subject_id"), activeOnly: false, cancellationToken);

    public async Task<RetentionRule> SetRuleAsync(string tenantId, string? collection, int years, string? dateField, string? reason, CancellationToken cancellationToken)
    {
        var name = Identifiers.Name(collection, "collection");
        if (years is < 0 or > RetentionRule.MaxYears)
        {
            throw DomainErrors.Invalid("retention_years", string.Create(CultureInfo.InvariantCulture, $"must be 1 to {RetentionRule.MaxYears} (0 removes the rule)"));
        }

        var field = string.IsNullOrEmpty(dateField) ? null : Identifiers.Name(dateField, "date_field");
        var rule = new RetentionRule(tenantId, name, years, field, years == 0 ? string.Empty : Identifiers.Reason(reason));
        await store.SaveRuleAsync(rule, cancellationToken).ConfigureAwait(false);
        return rule;
    }

    public Task<IReadOnlyList<RetentionRule>> ListRulesAsync(string tenantId, CancellationToken cancellationToken) =>
        store.ListRulesAsync(tenantId, cancellationToken);
}
