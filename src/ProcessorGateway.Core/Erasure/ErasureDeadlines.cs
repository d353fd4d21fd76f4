using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Which parts a request has and when each is due and executes (docs/erasure.md#deadlines). Pure: the
/// service feeds it the census, the schemas' classes and the tenant's calendar.
/// </summary>
public static class ErasureDeadlines
{
    /// <summary>
    /// The parts at receipt: the personal-account part always (it also covers the person's profile, consents and
    /// preferences, and every collection not classified institution-managed), due 7 business days after
    /// receipt; the institution-managed part when a collection holding the target's records is classified so,
    /// due once verified.
    /// </summary>
    /// <param name="collections">The collections holding the target's records.</param>
    /// <param name="classes">Each collection's class, from its current schema (a missing one is unclassified).</param>
    public static IReadOnlyList<ErasurePart> PartsAtReceipt(
        IEnumerable<string> collections, IReadOnlyDictionary<string, DataClass> classes, DateTimeOffset receivedAt, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(collections);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(calendar);
        var byClass = collections.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToLookup(c => classes.GetValueOrDefault(c) == DataClass.InstitutionManaged ? DataClass.InstitutionManaged : DataClass.PersonalAccount);
        var parts = new List<ErasurePart>
        {
            new(DataClass.PersonalAccount, byClass[DataClass.PersonalAccount].ToList(), ErasureState.Received)
            {
                DueAt = calendar.AddBusinessDays(receivedAt, BusinessCalendar.PersonalAccountBusinessDays),
            },
        };
        if (byClass[DataClass.InstitutionManaged].Any())
        {
            parts.Add(new ErasurePart(DataClass.InstitutionManaged, byClass[DataClass.InstitutionManaged].ToList(), ErasureState.Received));
        }

        return parts;
    }

    /// <summary>
    /// The parts once verified: institution-managed data gets its deadline (the tenant's period after
    /// verification), and every part its time to execute.
    /// </summary>
    public static IReadOnlyList<ErasurePart> PartsAtVerification(
        IEnumerable<ErasurePart> parts, DateTimeOffset verifiedAt, BusinessCalendar calendar, ErasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(settings);
        return parts.Select(p =>
        {
            if (p.State != ErasureState.Received)
            {
                return p;
            }

            var due = p.DueAt ?? calendar.AddBusinessDays(verifiedAt, calendar.InstitutionPeriodBusinessDays);
            return p with { State = ErasureState.Verified, DueAt = due, ExecuteAfter = ExecuteAfter(verifiedAt, due, settings.Grace, settings.DeadlineMargin) };
        }).ToList();
    }

    /// <summary>
    /// The grace period after verification, but never later than <paramref name="margin"/> before the deadline,
    /// and never before verification: a request verified within the margin of its deadline executes at once.
    /// So a part verified before its deadline always executes strictly before it.
    /// </summary>
    public static DateTimeOffset ExecuteAfter(DateTimeOffset verifiedAt, DateTimeOffset dueAt, TimeSpan grace, TimeSpan margin)
    {
        var wanted = verifiedAt + grace;
        var latest = dueAt - margin;
        if (wanted <= latest)
        {
            return wanted;
        }

        return latest > verifiedAt ? latest : verifiedAt;
    }
}
