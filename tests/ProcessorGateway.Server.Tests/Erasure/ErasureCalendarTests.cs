using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// A tenant's calendar names its time zone and verification period; deadlines are counted in its local dates.
/// The erasure clock stands still at Friday 4 December 2026, 10:00 UTC.
/// </summary>
public sealed class ErasureCalendarTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    [Fact]
    public async Task The_time_zone_and_verification_period_are_stored_and_shown()
    {
        var world = await ErasureWorld.CreateAsync(gateway);

        var set = await world.Rights.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest
        {
            TenantId = world.TenantId, TimeZone = "Asia/Kolkata", VerificationPeriodBusinessDays = 3,
        }).Within();
        var read = await world.Rights.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = world.TenantId }).Within();

        Assert.Equal(set, read);
        Assert.Equal("Asia/Kolkata", read.TimeZone);
        Assert.Equal(3, read.VerificationPeriodBusinessDays);
    }

    [Fact]
    public async Task A_calendar_never_set_is_UTC_with_five_business_days_to_verify()
    {
        var world = await ErasureWorld.CreateAsync(gateway);

        var calendar = await world.Rights.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = world.TenantId }).Within();

        Assert.Equal("", calendar.TimeZone);
        Assert.Equal(5, calendar.VerificationPeriodBusinessDays);
    }

    [Theory]
    [InlineData("Asia/Calcutta ")]
    [InlineData("Pacific Standard Time")]
    [InlineData("UTC+5:30")]
    public async Task An_unknown_time_zone_is_refused_and_nothing_is_stored(string zone)
    {
        var world = await ErasureWorld.CreateAsync(gateway);

        await RpcAssert.InvalidArgumentAsync("time_zone", () => world.Rights.Erasure.SetErasureCalendarAsync(
            new SetErasureCalendarRequest { TenantId = world.TenantId, TimeZone = zone, InstitutionPeriodBusinessDays = 40 }).ResponseAsync);

        var calendar = await world.Rights.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = world.TenantId }).Within();
        Assert.Equal(30, calendar.InstitutionPeriodBusinessDays);
    }

    [Theory]
    // Fri 4 Dec, 15:30 in Kolkata: Mon 7 … Fri 11 (1-5), Mon 14 (6), Tue 15 (7); the end of Tue 15 there is 18:30 UTC.
    [InlineData("Asia/Kolkata", "2026-12-15T18:30:00Z")]
    // Fri 4 Dec, 02:00 in Los Angeles: the same days; the end of Tue 15 there (PST) is 08:00 UTC on the 16th.
    [InlineData("America/Los_Angeles", "2026-12-16T08:00:00Z")]
    [InlineData("", "2026-12-16T00:00:00Z")]
    public async Task A_personal_account_deadline_is_the_end_of_its_last_business_day_in_the_tenant_zone(string zone, string expectedUtc)
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.Rights.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest { TenantId = world.TenantId, TimeZone = zone }).Within();

        var request = await world.RequestAsync("subj-zone");

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), request.DueAt.ToDateTimeOffset());
    }
}
