using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Children's data only under consent: a minor's personal fields may be read or written for a purpose only while
/// a live consent (not withdrawn, not expired) covers it. A subject is a minor when their profile says so, or the
/// record's minor field does (a bool that is true, or a date of birth less than the tenant's age of majority ago
/// on the tenant's local date of the call). Calls ask once per subject.
/// </summary>
/// <param name="days">
/// The clock tenant days are counted on (the calendar's, <see cref="ErasureClock"/>), so a birthday falls on the
/// same local date a deadline does; consents expire on <paramref name="time"/>, the clock that grants them.
/// </param>
public sealed class MinorConsentGate(
    ISubjectProfileStore profiles, IConsentStore consents, ErasurePolicyService policies, ErasureClock days, TimeProvider time)
{
    /// <returns><c>null</c> when the subject's personal fields may be read for the purpose; otherwise why not.</returns>
    public Task<string?> WithholdReasonAsync(
        string tenantId, CollectionSchema schema, string? subjectId, FieldValue? minorValue, string purpose, CancellationToken cancellationToken) =>
        ForCall(tenantId, schema, purpose, cancellationToken)(subjectId, minorValue);

    /// <summary>
    /// Refuses a write that sets or clears a non-plain field among <paramref name="written"/> while the subject is a
    /// minor and no live consent covers <paramref name="purpose"/>: the same consent reads need. Plain fields need none.
    /// </summary>
    /// <param name="values">The record as written, whose minor field counts.</param>
    /// <param name="storedMinorValue">A correction's stored minor field: a record that was a minor's stays one for the write that clears the flag.</param>
    public async Task RequireWriteConsentAsync(
        string tenantId, CollectionSchema schema, string? subjectId, string purpose, IReadOnlyDictionary<string, FieldValue> values,
        IEnumerable<string> written, CancellationToken cancellationToken, FieldValue? storedMinorValue = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(written);
        var field = written.FirstOrDefault(name => schema.Field(name) is { } definition && definition.Class.IsEncrypted());
        if (field is null)
        {
            return;
        }

        var answer = ForCall(tenantId, schema, purpose, cancellationToken);
        var reason = await answer(subjectId, schema.MinorField is { } minorField ? values.GetValueOrDefault(minorField) : null).ConfigureAwait(false)
            ?? (storedMinorValue is null ? null : await answer(subjectId, storedMinorValue).ConfigureAwait(false));
        if (reason is not null)
        {
            throw DomainErrors.MinorWriteWithoutConsent(field, reason);
        }
    }

    /// <summary>
    /// Answers per record, asking for each subject's profile and consents once per call (a page of a query may
    /// hold many records of one subject). The answer takes the subject and the value of the record's minor field.
    /// </summary>
    public Func<string?, FieldValue?, Task<string?>> ForCall(string tenantId, CollectionSchema schema, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var profileSays = new Dictionary<string, bool>(StringComparer.Ordinal);
        var consented = new Dictionary<string, bool>(StringComparer.Ordinal);
        DateOnly? today = null;
        var ageOfMajority = BusinessCalendar.DefaultAgeOfMajority;
        return async (subjectId, minorValue) =>
        {
            var recordSays = false;
            if (minorValue is TimestampValue born)
            {
                if (today is null)
                {
                    // Read only when a date of birth is: a bool flag or the profile needs no calendar.
                    var calendar = await policies.CalendarAsync(tenantId, cancellationToken).ConfigureAwait(false);
                    today = TenantTimeZone.DayOf(days.Now(), calendar.TimeZone);
                    ageOfMajority = calendar.AgeOfMajority;
                }

                recordSays = DateOnly.FromDateTime(born.Value.UtcDateTime).AddYears(ageOfMajority) > today.Value;
            }
            else
            {
                recordSays = minorValue is BoolValue { Value: true };
            }

            if (subjectId is null)
            {
                // No subject, no consent that could cover it: a minor's record without one stays closed.
                return recordSays ? $"the record is a minor's and names no subject whose consent could cover purpose '{purpose}'" : null;
            }

            if (!recordSays)
            {
                if (!profileSays.TryGetValue(subjectId, out var minor))
                {
                    var profile = await profiles.FindAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
                    minor = profileSays[subjectId] = profile is { Minor: true };
                }

                if (!minor)
                {
                    return null;
                }
            }

            if (!consented.TryGetValue(subjectId, out var covered))
            {
                var now = time.GetUtcNow();
                var granted = await consents.ListAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
                covered = consented[subjectId] = granted.Any(c => c.Covers(purpose, now));
            }

            return covered ? null : $"the subject is a minor and no live consent covers purpose '{purpose}'";
        };
    }
}
