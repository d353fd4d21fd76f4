using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// Deadlines on the tenant's business-day calendar and the institution period's bounds (holds and retention
/// rules: <see cref="PartialErasureTests"/>). The erasure clock stands still at a Friday, 10:00 UTC.
/// </summary>
public sealed class ErasureDeadlineTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    [Fact]
    public async Task A_personal_account_is_due_seven_business_days_out_skipping_the_weekend_and_a_holiday()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.Rights.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest
        {
            TenantId = world.TenantId, WeekendDays = { 0, 6 }, Holidays = { "2026-12-08" },
        }).Within();

        var request = await world.RequestAsync("subj-deadline");

        Assert.Equal(ErasureState.Received, request.State);
        Assert.Equal(ErasureGatewayFixture.ReceiptTime, request.ReceivedAt.ToDateTimeOffset());

        // Fri 4 Dec received; Mon 7 (1), Tue 8 holiday, Wed 9 … Fri 11 (2-4), Mon 14 … Wed 16 (5-7): due by the end of Wed 16 Dec.
        Assert.Equal(new DateTimeOffset(2026, 12, 17, 0, 0, 0, TimeSpan.Zero), request.DueAt.ToDateTimeOffset());
        Assert.False(request.Overdue);
    }

    [Fact]
    public async Task Institution_managed_data_is_due_the_tenant_period_after_verification()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.Rights.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest { TenantId = world.TenantId, InstitutionPeriodBusinessDays = 45 }).Within();
        await world.SeedAsync("institution");
        var request = await world.RequestAsync("subj-institution");
        var institution = Assert.Single(request.Parts, p => p.DataClass == DataClass.InstitutionManaged);
        Assert.Null(institution.DueAt);
        Assert.Equal(["attendance"], institution.Collections);

        var verified = await world.VerifyAsync(request.RequestId);

        // 45 business days (Mon-Fri, no holidays) after Fri 4 Dec end on Fri 5 Feb 2027.
        Assert.Equal(ErasureState.Verified, verified.State);
        Assert.Equal(new DateTimeOffset(2027, 2, 6, 0, 0, 0, TimeSpan.Zero),
            Assert.Single(verified.Parts, p => p.DataClass == DataClass.InstitutionManaged).DueAt.ToDateTimeOffset());

        // The request's own deadline is the earliest open part's: the personal-account part's 7 business days.
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 0, 0, 0, TimeSpan.Zero), verified.DueAt.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(29)]
    [InlineData(46)]
    public async Task An_institution_period_outside_30_to_45_is_refused_and_nothing_is_stored(int days)
    {
        var world = await ErasureWorld.CreateAsync(gateway);

        await RpcAssert.InvalidArgumentAsync("institution_period_business_days", () => world.Rights.Erasure.SetErasureCalendarAsync(
            new SetErasureCalendarRequest { TenantId = world.TenantId, InstitutionPeriodBusinessDays = days }).ResponseAsync);

        var calendar = await world.Rights.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = world.TenantId }).Within();
        Assert.Equal(30, calendar.InstitutionPeriodBusinessDays);
    }

    [Fact]
    public async Task A_second_request_for_the_same_subject_returns_the_open_one()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var first = await world.RequestAsync("subj-twice");
        var second = await world.RequestAsync("subj-twice");
        Assert.Equal(first.RequestId, second.RequestId);
    }

    [Fact]
    public async Task A_tenant_client_cannot_erase_the_whole_tenant()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => world.Rights.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Tenant, Reason = "contract ended",
        }).ResponseAsync);
    }
}
