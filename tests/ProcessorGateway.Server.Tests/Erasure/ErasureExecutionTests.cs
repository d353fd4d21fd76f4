using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// Verified requests execute by themselves once the grace period has passed, receipts verify with the published keys and reach the tenant's
/// webhook (HMAC-signed) and e-mail, and a crashed execution resumes.
/// </summary>
public sealed class ErasureExecutionTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>, IDisposable
{
    private readonly WebhookReceiver _webhook = new();

    [Fact]
    public async Task A_due_request_executes_by_itself_and_its_signed_receipt_reaches_the_webhook_and_the_dpo()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var recordId = await world.SeedAsync("due");
        var dpo = $"dpo-{Guid.NewGuid():N}@school.test";
        var channels = await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, WebhookUrl = _webhook.Url.AbsoluteUri, EmailRecipients = { dpo },
        }).Within();
        Assert.StartsWith("whsec_", channels.WebhookSecret, StringComparison.Ordinal);

        // The first delivery fails: the outbox must retry.
        _webhook.Answer = HttpStatusCode.ServiceUnavailable;
        var request = await world.RequestAsync("subj-due");
        await world.Rights.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = "identity checked against the enrolment record" }).Within();
        gateway.Clock.Advance(ErasureGatewayFixture.GracePeriod + TimeSpan.FromSeconds(1));

        // Days before any deadline: the job went by the grace period, not the deadline.
        var executed = await world.WaitForStateAsync(request.RequestId, ErasureState.Executed);
        Assert.All(executed.Parts, p => Assert.True(p.ExecutedAt.ToDateTimeOffset() < p.DueAt.ToDateTimeOffset(), $"{p.DataClass} executed at {p.ExecutedAt}, due {p.DueAt}"));
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(request.RequestId, (string?)receipt["jti"]);
        Assert.Equal("subj-due", (string?)receipt["subject_id"]);
        Assert.Equal(1, (long)receipt["records"]!["attendance"]!);
        Assert.Single(receipt["key_ids"]!.AsArray());
        Assert.NotNull(receipt["record_backups_age_out_by"]);
        await world.AssertErasedAsync(recordId);

        await ErasureWorld.EventuallyAsync(() => _webhook.Received.IsEmpty ? null : "x", "a first webhook attempt");
        _webhook.Answer = HttpStatusCode.NoContent;
        var delivered = await ErasureWorld.EventuallyAsync(
            () => _webhook.Received.Where(r => r.Answered == HttpStatusCode.NoContent).Select(r => (object)r).FirstOrDefault(), "a delivered webhook");
        var (headers, body, _) = ((IReadOnlyDictionary<string, string>, string, HttpStatusCode))delivered;
        WebhookReceiver.AssertSigned(headers["X-PG-Signature"], body, channels.WebhookSecret);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(executed.Receipt, (string?)json["receipt"]);
        Assert.Equal("erasure.executed", (string?)json["type"]);

        var mail = await ErasureWorld.EventuallyAsync(() => gateway.Smtp.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == dpo)), "the e-mail to the DPO");
        Assert.Contains(request.RequestId, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(executed.Receipt, mail.TextBody, StringComparison.Ordinal);

        // The secret is stored only wrapped.
        var stored = await gateway.MongoDatabase.GetCollection<BsonDocument>("notification_channels").Find(new BsonDocument("_id", world.TenantId)).SingleAsync();
        Assert.DoesNotContain(channels.WebhookSecret, stored.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_execution_that_crashed_after_the_shred_is_resumed_when_its_lease_lapses()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var recordId = await world.SeedAsync("crash");
        var request = await world.RequestAsync("subj-crash");
        await world.VerifyAsync(request.RequestId);
        var requests = gateway.MongoDatabase.GetCollection<BsonDocument>("erasure_requests");
        var filter = new BsonDocument { { "_id", request.RequestId }, { "t", world.TenantId } };
        var parts = (await requests.Find(filter).SingleAsync())["pt"].AsBsonArray;
        foreach (var part in parts)
        {
            part["st"] = (int)ErasureState.Executing;
        }

        // The crashed replica had started every part, counted the records and shredded the key, then died before recording it.
        var shred = await world.Operator.Keys.EraseSubjectAsync(new EraseSubjectRequest
        {
            TenantId = world.TenantId, SubjectId = "subj-crash", Reason = $"erasure request {request.RequestId}",
        }).Within();
        var lapsed = gateway.Clock.GetUtcNow().AddMinutes(-1).UtcDateTime;
        await requests.UpdateOneAsync(filter, new BsonDocument("$set", new BsonDocument
        {
            { "st", (int)ErasureState.Executing }, { "pt", parts }, { "lo", "crashed-replica" }, { "lu", lapsed }, { "rc", new BsonDocument("attendance", 1L) },
        }));

        var executed = await world.WaitForStateAsync(request.RequestId, ErasureState.Executed);

        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(shred.KeyIds, receipt["key_ids"]!.AsArray().Select(k => (string)k!));
        // Executed on the erasure clock, the one its deadlines are on (the shred's own time is the real clock's).
        Assert.Equal(gateway.Clock.GetUtcNow().ToUnixTimeMilliseconds(), executed.ExecutedAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        await world.AssertErasedAsync(recordId);
    }

    [Fact]
    public async Task Executing_a_verified_request_early_returns_its_receipt_and_a_retry_returns_the_same()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.SeedAsync("early");
        var request = await world.RequestAsync("subj-early");
        await world.Rights.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = "identity checked against the enrolment record" }).Within();

        var first = await world.Rights.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).Within();
        var again = await world.Rights.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).Within();

        Assert.Equal(ErasureState.Executed, first.State);
        Assert.Equal(first.Receipt, again.Receipt);
        await ReceiptVerifier.VerifyAsync(gateway, first.Receipt);
    }

    [Fact]
    public async Task An_operator_erases_a_whole_tenant_and_the_receipt_lists_every_destroyed_key()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.SeedAsync("tenant-a");
        await world.SeedAsync("tenant-b");
        var request = await world.Operator.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Tenant, Reason = "the institution closed its account",
        }).Within();
        var approver = await SecondOperator.ForAsync(gateway);
        await approver.Clients.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = "offboarding order checked" }).Within();

        var executed = await world.Operator.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).Within();

        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal("tenant", (string?)receipt["scope"]);
        Assert.Equal(GatewayFixture.OperatorClientId, (string?)receipt["requested_by"]);
        Assert.Equal(approver.ClientId, (string?)receipt["approved_by"]);
        Assert.Null(receipt["subject_id"]);
        Assert.Equal(4, receipt["key_ids"]!.AsArray().Count); // two subject keys, the data key and the index key
        Assert.Equal(2, (long)receipt["records_total"]!);
        var tenant = await world.Operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = world.TenantId }).Within();
        Assert.Equal(TenantStatus.Shredded, tenant.Status);
    }

    [Fact]
    public async Task A_subject_request_of_a_tenant_offboarded_meanwhile_executes_with_the_offboarding_as_its_receipt()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.SeedAsync("gone");
        var request = await world.RequestAsync("subj-gone");
        await world.Rights.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = "identity checked against the enrolment record" }).Within();
        var offboarded = await Offboardings.TwoOperatorsAsync(gateway, world.TenantId, "contract ended");

        var executed = await world.Operator.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).Within();

        Assert.Equal(ErasureState.Executed, executed.State);
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(offboarded.KeyIds.Order(), receipt["key_ids"]!.AsArray().Select(k => (string)k!).Order());
    }

    [Fact]
    public async Task An_unverified_request_past_its_deadline_is_listed_as_overdue_and_counted_in_the_overdue_gauge()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var request = await world.RequestAsync("subj-late");
        long overdueGauge = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ProcessorGateway" && instrument.Name == "pg.erasure.overdue")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref overdueGauge, Math.Max(value, Interlocked.Read(ref overdueGauge))));
        listener.Start();

        gateway.Clock.Advance(TimeSpan.FromDays(12));

        var overdue = await world.Rights.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest { TenantId = world.TenantId, Overdue = true }).Within();
        var listed = Assert.Single(overdue.Requests);
        Assert.Equal((request.RequestId, true, ErasureState.Received), (listed.RequestId, listed.Overdue, listed.State));
        var dueSoon = await world.Rights.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest { TenantId = world.TenantId, DueSoon = true }).Within();
        Assert.Empty(dueSoon.Requests);
        await ErasureWorld.EventuallyAsync(() =>
        {
            listener.RecordObservableInstruments();
            return Interlocked.Read(ref overdueGauge) >= 1 ? "counted" : null;
        }, "pg.erasure.overdue to count the request");
    }

    public void Dispose() => _webhook.Dispose();
}
