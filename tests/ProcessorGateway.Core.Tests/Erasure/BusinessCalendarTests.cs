using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Tests.Erasure;

public sealed class BusinessCalendarTests
{
    private static readonly DateTimeOffset FridayMorning = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddBusinessDays_SkipsSaturdayAndSunday_DueAtTheEndOfTheLastDay()
    {
        // Mon 7 … Fri 11 (5), Mon 14, Tue 15 (7): due at the end of Tue 15.
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 0, 0, 0, TimeSpan.Zero), BusinessCalendar.Default.AddBusinessDays(FridayMorning, 7));
    }

    [Fact]
    public void AddBusinessDays_SkipsAHolidayOnAWeekday()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 12, 8)]);
        Assert.Equal(new DateTimeOffset(2026, 12, 17, 0, 0, 0, TimeSpan.Zero), calendar.AddBusinessDays(FridayMorning, 7));
    }

    [Fact]
    public void AddBusinessDays_AHolidayOnAWeekendChangesNothing()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 12, 5)]);
        Assert.Equal(BusinessCalendar.Default.AddBusinessDays(FridayMorning, 7), calendar.AddBusinessDays(FridayMorning, 7));
    }

    [Fact]
    public void AddBusinessDays_FridaySaturdayWeekend_CountsSunday()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Friday, DayOfWeek.Saturday], []);

        // From Fri 4: Sun 6 … Thu 10 (5), Sun 13, Mon 14 (7).
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero), calendar.AddBusinessDays(FridayMorning, 7));
    }

    [Fact]
    public void AddBusinessDays_ReceivedOnASunday_StartsCountingOnMonday()
    {
        var sunday = new DateTimeOffset(2026, 12, 6, 23, 59, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), BusinessCalendar.Default.AddBusinessDays(sunday, 1));
    }

    [Fact]
    public void AddBusinessDays_AcrossTheYearEnd_WithHolidays()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]);
        var christmasEve = new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero);

        // Mon 28 … Thu 31 (4), Fri 1 Jan holiday, Mon 4 … Wed 6 (7).
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 0, 0, 0, TimeSpan.Zero), calendar.AddBusinessDays(christmasEve, 7));
    }

    [Fact]
    public void AddBusinessDays_ZeroDays_IsTheEndOfTheSameDay()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), BusinessCalendar.Default.AddBusinessDays(FridayMorning, 0));
    }

    [Fact]
    public void BusinessDaysBetween_CountsWhatAddBusinessDaysAdded()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 12, 8)]);
        var due = calendar.AddBusinessDays(FridayMorning, 30);
        Assert.Equal(30, calendar.BusinessDaysBetween(FridayMorning, due.AddTicks(-1)));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(46)]
    [InlineData(0)]
    public void Constructor_InstitutionPeriodOutside30To45_IsInvalid(int days)
    {
        var error = Assert.Throws<DomainException>(() => new BusinessCalendar([DayOfWeek.Sunday], [], days));
        Assert.Equal((DomainErrorKind.InvalidArgument, "institution_period_business_days"), (error.Kind, error.Field));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(45)]
    public void Constructor_InstitutionPeriodAtTheBounds_IsAccepted(int days) =>
        Assert.Equal(days, new BusinessCalendar([DayOfWeek.Sunday], [], days).InstitutionPeriodBusinessDays);

    [Fact]
    public void Constructor_EveryDayAWeekend_IsInvalid()
    {
        var error = Assert.Throws<DomainException>(() => new BusinessCalendar(Enum.GetValues<DayOfWeek>(), []));
        Assert.Equal("weekend_days", error.Field);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("26-12-01")]
    [InlineData("2026-12-01T00:00")]
    public void ParseHoliday_NotAnIsoDate_IsInvalid(string value) =>
        Assert.Equal("holidays", Assert.Throws<DomainException>(() => BusinessCalendar.ParseHoliday(value, 0)).Field);

    [Theory]
    [InlineData(13)]
    [InlineData(22)]
    [InlineData(0)]
    public void AgeOfMajorityOutside14To21_IsInvalid(int years)
    {
        var error = Assert.Throws<DomainException>(() => new BusinessCalendar([DayOfWeek.Sunday], []) { AgeOfMajority = years });
        Assert.Equal((DomainErrorKind.InvalidArgument, "age_of_majority"), (error.Kind, error.Field));
    }

    [Fact]
    public void AgeOfMajority_DefaultsTo18() => Assert.Equal(18, BusinessCalendar.Default.AgeOfMajority);
}
