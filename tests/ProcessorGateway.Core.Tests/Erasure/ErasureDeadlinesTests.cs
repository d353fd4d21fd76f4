using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Tests.Erasure;

/// <summary>Which parts a request has, when each is due, and when each executes: the grace period clamped before the deadline.</summary>
public sealed class ErasureDeadlinesTests
{
    private static readonly DateTimeOffset FridayMorning = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(4);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(3);
    private static readonly ErasureSettings Settings = ErasureSettings.Default with { Grace = Grace, DeadlineMargin = Margin };

    [Fact]
    public void The_grace_period_applies_when_it_ends_well_before_the_deadline()
    {
        var due = FridayMorning.AddDays(5);
        Assert.Equal(FridayMorning + Grace, ErasureDeadlines.ExecuteAfter(FridayMorning, due, Grace, Margin));
    }

    [Fact]
    public void A_grace_period_reaching_past_the_deadline_is_clamped_to_the_margin_before_it()
    {
        var due = FridayMorning.AddHours(2);
        var executeAfter = ErasureDeadlines.ExecuteAfter(FridayMorning, due, Grace, Margin);
        Assert.Equal(due - Margin, executeAfter);
        Assert.True(executeAfter < due);
    }

    [Fact]
    public void A_request_verified_within_the_margin_of_its_deadline_executes_at_once_still_before_it()
    {
        var due = FridayMorning.AddMinutes(1);
        var executeAfter = ErasureDeadlines.ExecuteAfter(FridayMorning, due, Grace, Margin);
        Assert.Equal(FridayMorning, executeAfter);
        Assert.True(executeAfter < due);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(179)]
    [InlineData(181)]
    [InlineData(60 * 24 * 3)]
    public void Execution_always_falls_strictly_before_the_deadline_and_never_before_verification(int minutesToDeadline)
    {
        var due = FridayMorning.AddMinutes(minutesToDeadline).AddSeconds(1);
        var executeAfter = ErasureDeadlines.ExecuteAfter(FridayMorning, due, Grace, Margin);
        Assert.InRange(executeAfter, FridayMorning, due.AddTicks(-1));
    }

    [Fact]
    public void Unclassified_and_personal_collections_form_the_personal_part_due_seven_business_days_after_receipt()
    {
        var classes = new Dictionary<string, DataClass> { ["messages"] = DataClass.PersonalAccount, ["grades"] = DataClass.InstitutionManaged };

        var parts = ErasureDeadlines.PartsAtReceipt(["notes", "messages", "grades", "attendance"], classes, FridayMorning, BusinessCalendar.Default);

        Assert.Equal([DataClass.PersonalAccount, DataClass.InstitutionManaged], parts.Select(p => p.Class));
        Assert.Equal(["attendance", "messages", "notes"], parts[0].Collections);
        Assert.Equal(["grades"], parts[1].Collections);
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 0, 0, 0, TimeSpan.Zero), parts[0].DueAt);
        Assert.Null(parts[1].DueAt);
        Assert.All(parts, p => Assert.Equal(ErasureState.Received, p.State));
    }

    [Fact]
    public void The_personal_part_exists_even_without_records_and_no_institution_part_without_institution_data()
    {
        var parts = ErasureDeadlines.PartsAtReceipt([], new Dictionary<string, DataClass>(), FridayMorning, BusinessCalendar.Default);

        var personal = Assert.Single(parts);
        Assert.Equal(DataClass.PersonalAccount, personal.Class);
        Assert.Empty(personal.Collections);
    }

    [Fact]
    public void Verification_dates_the_institution_part_the_tenant_period_after_it_and_gives_each_part_its_execution_time()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], [], institutionPeriodBusinessDays: 45);
        var received = ErasureDeadlines.PartsAtReceipt(["grades", "messages"],
            new Dictionary<string, DataClass> { ["grades"] = DataClass.InstitutionManaged }, FridayMorning, calendar);

        var verified = ErasureDeadlines.PartsAtVerification(received, FridayMorning.AddHours(1), calendar, Settings);

        Assert.All(verified, p => Assert.Equal(ErasureState.Verified, p.State));
        Assert.Equal(received[0].DueAt, verified[0].DueAt);
        Assert.Equal(new DateTimeOffset(2027, 2, 6, 0, 0, 0, TimeSpan.Zero), verified[1].DueAt);
        Assert.All(verified, p => Assert.Equal(FridayMorning.AddHours(1) + Grace, p.ExecuteAfter));
    }

    [Fact]
    public void A_request_is_overdue_by_its_verification_deadline_while_unverified_and_by_its_earliest_open_part_after()
    {
        var parts = ErasureDeadlines.PartsAtReceipt(["grades"], new Dictionary<string, DataClass> { ["grades"] = DataClass.InstitutionManaged },
            FridayMorning, BusinessCalendar.Default);
        var request = new ErasureRequest("r1", "t1", ErasureScope.Subject, "s1", ErasureState.Received, "asked", "client", FridayMorning, 1)
        {
            Parts = parts, VerificationDueAt = BusinessCalendar.Default.AddBusinessDays(FridayMorning, 5),
        };

        Assert.Equal(request.VerificationDueAt, request.NextDeadline);
        Assert.False(request.IsOverdue(request.VerificationDueAt!.Value));
        Assert.True(request.IsOverdue(request.VerificationDueAt.Value.AddMilliseconds(1)));

        var verified = request with
        {
            State = ErasureState.Verified, Parts = ErasureDeadlines.PartsAtVerification(parts, request.VerificationDueAt.Value.AddDays(1), BusinessCalendar.Default, Settings),
        };
        Assert.Equal(parts[0].DueAt, verified.NextDeadline);
        Assert.Equal(ErasureKind.PersonalAccount, verified.Kind);
    }

    [Fact]
    public void Each_missed_deadline_is_noticed_once_in_turn_verification_first_then_each_open_part()
    {
        var parts = ErasureDeadlines.PartsAtReceipt(["grades", "messages"], new Dictionary<string, DataClass> { ["grades"] = DataClass.InstitutionManaged },
            FridayMorning, BusinessCalendar.Default);
        var received = new ErasureRequest("r1", "t1", ErasureScope.Subject, "s1", ErasureState.Received, "asked", "client", FridayMorning, 1)
        {
            Parts = parts, VerificationDueAt = BusinessCalendar.Default.AddBusinessDays(FridayMorning, 5),
        };

        Assert.Equal(received.VerificationDueAt, received.NextOverdueNotice);
        var toldOfVerification = received with { OverdueNotifiedFor = received.VerificationDueAt };
        Assert.Equal(parts[0].DueAt, toldOfVerification.NextOverdueNotice);
        Assert.Null((toldOfVerification with { OverdueNotifiedFor = parts[0].DueAt }).NextOverdueNotice);
        Assert.Null((received with { State = ErasureState.Refused }).NextOverdueNotice);
    }
}
