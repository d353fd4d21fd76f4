using System.Globalization;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// A tenant's business days: which weekdays are the weekend, which dates are holidays, and how many
/// business days institution-managed data gets after verification (30–45), how many a request has to be
/// verified in, and the time zone whose local dates the days are.
/// </summary>
public sealed record BusinessCalendar
{
    public const int PersonalAccountBusinessDays = 7;
    public const int MinInstitutionPeriod = 30;
    public const int MaxInstitutionPeriod = 45;
    public const int MaxHolidays = 400;
    public const int DefaultVerificationPeriod = 5;
    public const int MaxVerificationPeriod = 30;
    public const int DefaultAgeOfMajority = 18;
    public const int MinAgeOfMajority = 14;
    public const int MaxAgeOfMajority = 21;

    public BusinessCalendar(
        IEnumerable<DayOfWeek> weekendDays, IEnumerable<DateOnly> holidays, int institutionPeriodBusinessDays = MinInstitutionPeriod,
        int verificationPeriodBusinessDays = DefaultVerificationPeriod, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(weekendDays);
        ArgumentNullException.ThrowIfNull(holidays);
        WeekendDays = weekendDays.ToHashSet();
        Holidays = holidays.ToHashSet();
        if (WeekendDays.Count >= 7)
        {
            throw DomainErrors.Invalid("weekend_days", "must leave at least one business day in the week");
        }

        if (Holidays.Count > MaxHolidays)
        {
            throw DomainErrors.Invalid("holidays", string.Create(CultureInfo.InvariantCulture, $"must list at most {MaxHolidays} dates"));
        }

        if (institutionPeriodBusinessDays is < MinInstitutionPeriod or > MaxInstitutionPeriod)
        {
            throw DomainErrors.Invalid("institution_period_business_days", string.Create(CultureInfo.InvariantCulture,
                $"must be between {MinInstitutionPeriod} and {MaxInstitutionPeriod} business days, not {institutionPeriodBusinessDays}"));
        }

        if (verificationPeriodBusinessDays is < 1 or > MaxVerificationPeriod)
        {
            throw DomainErrors.Invalid("verification_period_business_days", string.Create(CultureInfo.InvariantCulture,
                $"must be between 1 and {MaxVerificationPeriod} business days, not {verificationPeriodBusinessDays}"));
        }

        InstitutionPeriodBusinessDays = institutionPeriodBusinessDays;
        VerificationPeriodBusinessDays = verificationPeriodBusinessDays;
        TimeZone = timeZone ?? TimeZoneInfo.Utc;
    }

    /// <summary>Saturday and Sunday off, no holidays, 30 business days for institution-managed data.</summary>
    public static BusinessCalendar Default { get; } = new([DayOfWeek.Saturday, DayOfWeek.Sunday], []);

    public IReadOnlySet<DayOfWeek> WeekendDays { get; }

    public IReadOnlySet<DateOnly> Holidays { get; }

    public int InstitutionPeriodBusinessDays { get; }

    /// <summary>Business days after receipt by which a request must be verified.</summary>
    public int VerificationPeriodBusinessDays { get; }

    /// <summary>The tenant's IANA time zone: business days are its local dates.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// The age at which a date of birth (a schema's minor field) stops making the subject a minor; it lives with the
    /// calendar because both are the tenant's local law, read on the tenant's local date.
    /// </summary>
    public int AgeOfMajority
    {
        get;
        init => field = value is >= MinAgeOfMajority and <= MaxAgeOfMajority
            ? value
            : throw DomainErrors.Invalid("age_of_majority", string.Create(CultureInfo.InvariantCulture,
                $"must be between {MinAgeOfMajority} and {MaxAgeOfMajority} years, not {value}"));
    } = DefaultAgeOfMajority;

    public bool IsBusinessDay(DateOnly day) => !WeekendDays.Contains(day.DayOfWeek) && !Holidays.Contains(day);

    /// <summary>
    /// The deadline <paramref name="businessDays"/> business days after <paramref name="from"/>: the end (the
    /// start of the next local day) of the Nth business day after the local day of <paramref name="from"/>, which
    /// itself does not count.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset from, int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(businessDays);
        var day = TenantTimeZone.DayOf(from, TimeZone);
        for (var counted = 0; counted < businessDays;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }

        return TenantTimeZone.StartOf(day.AddDays(1), TimeZone);
    }

    /// <summary>Business days from <paramref name="from"/> to <paramref name="to"/>, counted as <see cref="AddBusinessDays"/> does.</summary>
    public int BusinessDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var day = TenantTimeZone.DayOf(from, TimeZone);
        var end = TenantTimeZone.DayOf(to, TimeZone);
        var count = 0;
        while (day < end)
        {
            day = day.AddDays(1);
            count += IsBusinessDay(day) ? 1 : 0;
        }

        return count;
    }

    public static DateOnly ParseHoliday(string value, int index) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw DomainErrors.Invalid("holidays", string.Create(CultureInfo.InvariantCulture, $"entry {index} is not an ISO date (yyyy-MM-dd)"));
}
