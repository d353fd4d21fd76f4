using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Tests.Erasure;

/// <summary>Business days are the tenant's local dates, and a deadline ends with its last business day there.</summary>
public sealed class TenantTimeZoneTests
{
    private static readonly TimeZoneInfo Kolkata = TenantTimeZone.Parse("Asia/Kolkata");
    private static readonly TimeZoneInfo LosAngeles = TenantTimeZone.Parse("America/Los_Angeles");

    [Fact]
    public void A_request_made_before_dawn_in_Kolkata_is_dated_by_its_local_day_and_due_at_local_midnight()
    {
        // Mon 7 Dec, 20:00 UTC is Tue 8 Dec, 01:30 in Kolkata: the local Tuesday is the day of receipt.
        var received = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 12, 10)], timeZone: Kolkata);

        // Wed 9 (1), Thu 10 holiday, Fri 11 (2), weekend, Mon 14 … Fri 18 (3-7): due by the end of Fri 18 Dec, Kolkata time.
        var due = calendar.AddBusinessDays(received, BusinessCalendar.PersonalAccountBusinessDays);

        Assert.Equal(new DateTimeOffset(2026, 12, 19, 0, 0, 0, TimeSpan.FromHours(5.5)), due);
        Assert.Equal(new DateTimeOffset(2026, 12, 18, 18, 30, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void The_same_instant_counted_in_UTC_is_dated_the_day_before()
    {
        var received = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
        var utc = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 12, 10)]);

        // Tue 8 (1), Wed 9 (2), Thu 10 holiday, Fri 11 (3), Mon 14 … Thu 17 (4-7).
        Assert.Equal(new DateTimeOffset(2026, 12, 18, 0, 0, 0, TimeSpan.Zero), utc.AddBusinessDays(received, BusinessCalendar.PersonalAccountBusinessDays));
    }

    [Fact]
    public void A_deadline_in_Los_Angeles_crosses_a_weekend_a_holiday_and_the_change_to_daylight_saving_time()
    {
        // Thu 11 Mar 2027, 23:30 PST (UTC-8) is Fri 12 Mar 07:30 UTC; clocks go forward on Sun 14 Mar.
        var received = new DateTimeOffset(2027, 3, 11, 23, 30, 0, TimeSpan.FromHours(-8));
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2027, 3, 17)], timeZone: LosAngeles);

        // Fri 12 (1), weekend, Mon 15 (2), Tue 16 (3), Wed 17 holiday, Thu 18 (4), Fri 19 (5), Mon 22 (6), Tue 23 (7):
        // due by the end of Tue 23 Mar, which is midnight PDT (UTC-7).
        var due = calendar.AddBusinessDays(received, BusinessCalendar.PersonalAccountBusinessDays);

        Assert.Equal(new DateTimeOffset(2027, 3, 24, 7, 0, 0, TimeSpan.Zero), due.ToUniversalTime());
        Assert.Equal(7, calendar.BusinessDaysBetween(received, due.AddTicks(-1)));
        Assert.Equal(8, calendar.BusinessDaysBetween(received, due));
    }

    [Fact]
    public void A_local_day_that_begins_in_a_daylight_saving_gap_begins_at_the_first_time_that_exists()
    {
        // In Santiago clocks go from Sat 5 Sep 2026, 24:00 (UTC-4) to Sun 6 Sep, 01:00 (UTC-3): midnight never happens.
        var santiago = TenantTimeZone.Parse("America/Santiago");

        var start = TenantTimeZone.StartOf(new DateOnly(2026, 9, 6), santiago);

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal(new DateOnly(2026, 9, 6), TenantTimeZone.DayOf(start, santiago));
        Assert.Equal(new DateOnly(2026, 9, 5), TenantTimeZone.DayOf(start.AddTicks(-1), santiago));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("India Standard Time")]
    [InlineData("Asia/Kolkata\n")]
    public void Anything_but_an_IANA_zone_id_is_refused(string id)
    {
        var error = Assert.Throws<DomainException>(() => TenantTimeZone.Parse(id));
        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("time_zone", error.Field);
    }

    [Fact]
    public void No_zone_is_UTC_and_shows_as_empty()
    {
        Assert.Same(TimeZoneInfo.Utc, TenantTimeZone.Parse(""));
        Assert.Equal("", TenantTimeZone.IdOf(BusinessCalendar.Default.TimeZone));
        Assert.Equal("Asia/Kolkata", TenantTimeZone.IdOf(Kolkata));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void A_verification_period_outside_1_to_30_business_days_is_refused(int days)
    {
        var error = Assert.Throws<DomainException>(() => new BusinessCalendar([DayOfWeek.Sunday], [], verificationPeriodBusinessDays: days));
        Assert.Equal("verification_period_business_days", error.Field);
    }
}
