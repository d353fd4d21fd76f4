using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Erasure;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// Deadlines and execution on one clock: the fake erasure clock dates receipt, verification, every deadline and
/// every execution, and the job runs only when a test calls it, so "executed strictly before the deadline" is a
/// comparison of two times from the same clock. Each test starts from where the previous one left the clock.
/// </summary>
public sealed class ErasureOneClockTests(ManualErasureJobFixture gateway) : IClassFixture<ManualErasureJobFixture>
{
    [Fact]
    public async Task A_personal_account_request_executes_after_the_grace_period_strictly_before_its_deadline()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "communications", "attendance");
        var message = await world.SeedMessageAsync("subj-own");
        var request = await world.RequestAsync("subj-own");
        var part = Assert.Single(request.Parts);
        Assert.Equal((DataClass.PersonalAccount, "communications"), (part.DataClass, Assert.Single(part.Collections)));

        var verified = await world.VerifyAsync(request.RequestId);
        var executeAfter = Assert.Single(verified.Parts).ExecuteAfter.ToDateTimeOffset();
        Assert.Equal(verified.VerifiedAt.ToDateTimeOffset() + ErasureGatewayFixture.GracePeriod, executeAfter);

        gateway.Clock.Advance(executeAfter - gateway.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await gateway.RunJobOnceAsync();
        Assert.Equal(ErasureState.Verified, (await world.GetAsync(request.RequestId)).State);

        gateway.Clock.Advance(TimeSpan.FromSeconds(2));
        await gateway.RunJobOnceAsync();

        var executed = await world.GetAsync(request.RequestId);
        var done = Assert.Single(executed.Parts);
        Assert.Equal((ErasureState.Executed, ErasureState.Executed), (executed.State, done.State));
        Assert.Equal(gateway.Clock.GetUtcNow().ToUnixTimeMilliseconds(), done.ExecutedAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.True(done.ExecutedAt.ToDateTimeOffset() < done.DueAt.ToDateTimeOffset(), $"executed at {done.ExecutedAt}, due {done.DueAt}");
        Assert.Equal(1, done.RecordCounts["communications"]);
        await world.AssertErasedAsync(message, "communications", "communication");
    }

    [Fact]
    public async Task An_institution_managed_request_executes_after_the_grace_period_strictly_before_its_deadline()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var row = await world.SeedAsync("inst");
        var request = await world.RequestAsync("subj-inst");
        Assert.Equal([DataClass.PersonalAccount, DataClass.InstitutionManaged], request.Parts.Select(p => p.DataClass));

        var verified = await world.VerifyAsync(request.RequestId);
        var institution = Assert.Single(verified.Parts, p => p.DataClass == DataClass.InstitutionManaged);
        Assert.True(institution.DueAt.ToDateTimeOffset() > verified.VerifiedAt.ToDateTimeOffset().AddDays(30), "the tenant's 30 business days after verification");

        gateway.Clock.Advance(institution.ExecuteAfter.ToDateTimeOffset() - gateway.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await gateway.RunJobOnceAsync();

        var executed = await world.GetAsync(request.RequestId);
        var done = Assert.Single(executed.Parts, p => p.DataClass == DataClass.InstitutionManaged);
        Assert.Equal((ErasureState.Executed, ErasureState.Executed), (executed.State, done.State));
        Assert.Equal(gateway.Clock.GetUtcNow().ToUnixTimeMilliseconds(), done.ExecutedAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.True(done.ExecutedAt.ToDateTimeOffset() < done.DueAt.ToDateTimeOffset(), $"executed at {done.ExecutedAt}, due {done.DueAt}");
        Assert.Equal(1, done.RecordCounts["attendance"]);
        await world.AssertErasedAsync(row);
    }

    [Fact]
    public async Task A_request_covering_both_classes_executes_the_personal_part_first_and_the_institution_part_by_its_own_deadline()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "communications", "attendance");
        var message = await world.SeedMessageAsync("subj-both");
        var row = await world.SeedAsync("both");
        var request = await world.RequestAsync("subj-both");
        var personalDue = Assert.Single(request.Parts, p => p.DataClass == DataClass.PersonalAccount).DueAt.ToDateTimeOffset();

        // Verified late, 1 h 45 min before the personal deadline: its part must run by the margin before it, sooner than the grace period.
        gateway.Clock.Advance(personalDue - gateway.Clock.GetUtcNow() - TimeSpan.FromMinutes(105));
        var verified = await world.VerifyAsync(request.RequestId);
        var personal = Assert.Single(verified.Parts, p => p.DataClass == DataClass.PersonalAccount);
        var institution = Assert.Single(verified.Parts, p => p.DataClass == DataClass.InstitutionManaged);
        Assert.Equal(personalDue - ManualErasureJobFixture.DeadlineMargin, personal.ExecuteAfter.ToDateTimeOffset());
        Assert.Equal(verified.VerifiedAt.ToDateTimeOffset() + ErasureGatewayFixture.GracePeriod, institution.ExecuteAfter.ToDateTimeOffset());
        Assert.True(institution.DueAt.ToDateTimeOffset() > personalDue.AddDays(30), "two deadlines");

        gateway.Clock.Advance(personal.ExecuteAfter.ToDateTimeOffset() - gateway.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await gateway.RunJobOnceAsync();

        var first = await world.GetAsync(request.RequestId);
        var personalDone = Assert.Single(first.Parts, p => p.DataClass == DataClass.PersonalAccount);
        Assert.Equal((ErasureState.Verified, ErasureState.Executed, ErasureState.Verified),
            (first.State, personalDone.State, Assert.Single(first.Parts, p => p.DataClass == DataClass.InstitutionManaged).State));
        Assert.True(personalDone.ExecutedAt.ToDateTimeOffset() < personalDone.DueAt.ToDateTimeOffset(), $"executed at {personalDone.ExecutedAt}, due {personalDone.DueAt}");
        Assert.Equal(institution.DueAt, first.DueAt);
        await world.AssertErasedAsync(message, "communications", "communication");

        // The institution's record waits, still readable, under the request's own key.
        var waiting = await world.ReadAsync("attendance", row);
        Assert.Equal("present", waiting.Fields["status"].StringValue);

        gateway.Clock.Advance(institution.ExecuteAfter.ToDateTimeOffset() - gateway.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await gateway.RunJobOnceAsync();

        var executed = await world.GetAsync(request.RequestId);
        var institutionDone = Assert.Single(executed.Parts, p => p.DataClass == DataClass.InstitutionManaged);
        Assert.Equal((ErasureState.Executed, ErasureState.Executed), (executed.State, institutionDone.State));
        Assert.True(institutionDone.ExecutedAt.ToDateTimeOffset() < institutionDone.DueAt.ToDateTimeOffset());
        Assert.True(personalDone.ExecutedAt.ToDateTimeOffset() < institutionDone.ExecutedAt.ToDateTimeOffset());
        Assert.Equal(1, institutionDone.RecordCounts["attendance"]);
        await world.AssertErasedAsync(row);
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal((1L, 1L), ((long)receipt["records"]!["attendance"]!, (long)receipt["records"]!["communications"]!));
        Assert.Equal(2, receipt["key_ids"]!.AsArray().Count); // the subject key, then the key the institution's records waited under
    }

    [Fact]
    public async Task An_unverified_institution_request_is_due_soon_then_overdue_at_its_verification_deadline_counted_and_notified_once()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.SeedAsync("unverified");
        await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, EmailRecipients = { $"dpo-{Guid.NewGuid():N}@school.test" },
        }).Within();
        var request = await world.RequestAsync("subj-unverified");
        var verifyBy = request.VerificationDueAt.ToDateTimeOffset();
        Assert.True(verifyBy < request.DueAt.ToDateTimeOffset(), "verification is due before the personal part");
        long overdueGauge = -1;
        var ownGauge = gateway.Services.GetRequiredService<ErasureMetrics>().OverdueGauge;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this gateway's gauge: other gateways in the test process report under the same name.
            if (ReferenceEquals(instrument, ownGauge))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref overdueGauge, value));
        listener.Start();

        gateway.Clock.Advance(verifyBy - gateway.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await gateway.RunJobOnceAsync();
        Assert.Empty((await ListAsync(world, overdue: true)).Requests);
        Assert.Equal(request.RequestId, Assert.Single((await ListAsync(world, overdue: false)).Requests).RequestId);
        Assert.Empty(await OverdueMessagesAsync(request.RequestId));

        gateway.Clock.Advance(TimeSpan.FromMinutes(2));
        await gateway.RunJobOnceAsync();
        await gateway.RunJobOnceAsync();

        var listed = Assert.Single((await ListAsync(world, overdue: true)).Requests);
        Assert.Equal((request.RequestId, true, ErasureState.Received), (listed.RequestId, listed.Overdue, listed.State));
        listener.RecordObservableInstruments();
        Assert.True(Interlocked.Read(ref overdueGauge) >= 1, $"pg.erasure.overdue reported {overdueGauge}");
        var messages = await OverdueMessagesAsync(request.RequestId);
        var queued = Assert.Single(messages);
        Assert.Contains("Missed: verification deadline", queued["body"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_without_a_note_is_refused_and_leaves_the_request_unverified()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var request = await world.RequestAsync("subj-no-note");

        await RpcAssert.InvalidArgumentAsync("note", () => world.Rights.Erasure.VerifyErasureAsync(
            new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("note", () => world.Rights.Erasure.VerifyErasureAsync(
            new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = new string('n', 501) }).ResponseAsync);

        var stored = await world.GetAsync(request.RequestId);
        Assert.Equal((ErasureState.Received, string.Empty, string.Empty), (stored.State, stored.VerifiedBy, stored.VerificationNote));
        var verified = await world.VerifyAsync(request.RequestId);
        Assert.Equal(ErasureWorld.VerificationNote, verified.VerificationNote);
        Assert.False(string.IsNullOrEmpty(verified.VerifiedBy));
    }

    private static Task<ListErasureRequestsResponse> ListAsync(ErasureWorld world, bool overdue) =>
        world.Rights.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest { TenantId = world.TenantId, Overdue = overdue, DueSoon = !overdue }).Within();

    private async Task<List<BsonDocument>> OverdueMessagesAsync(string requestId) =>
        await gateway.MongoDatabase.GetCollection<BsonDocument>("notification_outbox")
            .Find(new BsonDocument { { "et", "erasure.overdue" }, { "_id", new BsonDocument("$regex", $"^{requestId}:") } }).ToListAsync();
}
