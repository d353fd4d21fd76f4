using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Rotation;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// What becomes of kept records: a later erasure destroys their retained key once nothing holds them,
/// rotation rewraps the retained key like a subject key, and a whole tenant with held records is refused,
/// with the refusal sent to the tenant's webhook.
/// </summary>
public sealed class KeptRecordLifecycleTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>, IDisposable
{
    private readonly WebhookReceiver _webhook = new();

    [Fact]
    public async Task Once_the_hold_is_released_a_new_request_destroys_the_retained_key_and_its_receipt_says_so()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var held = await PartialErasureTests.SeedHeldAttendanceAsync(world, "release");
        var hold = await world.HoldAsync("subj-release", null, "regulator inquiry 2026-3");
        var first = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-release")).RequestId);
        var retainedKeyId = (string)(await ReceiptVerifier.VerifyAsync(gateway, first.Receipt))["retained_key_id"]!;

        // Once nothing holds the record, a new request for the subject has nothing to keep.
        await world.Rights.Erasure.ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { TenantId = world.TenantId, HoldId = hold.HoldId }).Within();
        var second = await world.RequestAsync("subj-release");
        Assert.Empty(second.BlockedRecords);
        var executed = await world.VerifyAndExecuteAsync(second.RequestId);

        Assert.Equal(ErasureState.Executed, executed.State);
        Assert.Empty(executed.BlockedRecords);
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Contains(retainedKeyId, receipt["key_ids"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(1, (long)receipt["records"]!["attendance"]!);
        Assert.Null(receipt["kept"]);
        await world.AssertErasedAsync(held);

        var records = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
        await gateway.Services.GetRequiredService<PurgeService>().PurgeAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(0, await records.CountDocumentsAsync(new BsonDocument { { "t", world.TenantId }, { "s", "subj-release" } }));
    }

    [Fact]
    public async Task A_hold_placed_after_the_erasure_keeps_nothing_and_a_new_request_still_executes()
    {
        // The erased record waits for the purge, undecryptable; a hold that arrives now cannot bring it back under a
        // retained key, so a new request for the subject must neither try (and stick) nor name it as kept.
        var world = await ErasureWorld.CreateAsync(gateway);
        var erased = await world.SeedAsync("late");
        var first = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-late")).RequestId);
        Assert.Equal(ErasureState.Executed, first.State);
        await world.HoldAsync("subj-late", "attendance", "regulator inquiry 2026-9");

        var second = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-late")).RequestId);

        Assert.Equal(ErasureState.Executed, second.State);
        Assert.Empty(second.BlockedRecords);
        Assert.Null((await ReceiptVerifier.VerifyAsync(gateway, second.Receipt))["kept"]);
        await world.AssertErasedAsync(erased);
    }

    [Fact]
    public async Task When_the_retention_period_ends_the_job_erases_the_kept_record_by_itself_with_a_receipt()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "attendance", "students", "fees");
        var fee = await world.SeedFeeAsync("period", gateway.Clock.GetUtcNow().AddYears(-1).AddDays(3));
        await world.Rights.Erasure.SetRetentionRuleAsync(new SetRetentionRuleRequest
        {
            TenantId = world.TenantId, Collection = "fees", RetentionYears = 1, DateField = "due_date", Reason = "fee records are kept a year",
        }).Within();
        var first = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-period")).RequestId);
        Assert.Equal(fee, Assert.Single(first.BlockedRecords).RecordId);
        var retainedKeyId = (string)(await ReceiptVerifier.VerifyAsync(gateway, first.Receipt))["retained_key_id"]!;

        gateway.Clock.Advance(TimeSpan.FromDays(4));

        var followUp = await ErasureWorld.EventuallyAsync(() =>
        {
            var executed = world.Rights.Erasure.ListErasureRequests(new ListErasureRequestsRequest { TenantId = world.TenantId, State = ErasureState.Executed }, deadline: DateTime.UtcNow.AddSeconds(10));
            return executed.Requests.FirstOrDefault(r => r.RequestId != first.RequestId);
        }, "the job's follow-up request to execute");
        Assert.Contains(first.RequestId, followUp.Reason, StringComparison.Ordinal);
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, followUp.Receipt);
        Assert.Contains(retainedKeyId, receipt["key_ids"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(1, (long)receipt["records"]!["fees"]!);
        await world.AssertErasedAsync(fee, "fees");
    }

    [Fact]
    public async Task Rotating_the_tenant_key_rewraps_the_retained_key_and_the_kept_record_still_reads()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var held = await PartialErasureTests.SeedHeldAttendanceAsync(world, "rotate");
        await world.HoldAsync("subj-rotate", "attendance", "court order 2026-99");
        var executed = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-rotate")).RequestId);
        var retainedKeyId = (string)(await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt))["retained_key_id"]!;
        var rotated = await world.Operator.Keys.RotateTenantKeyAsync(new RotateTenantKeyRequest { TenantId = world.TenantId }).Within();
        var oldKey = Assert.Single(rotated.Retiring).KeyId;

        var rotation = gateway.Services.GetRequiredService<KeyRotationService>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await rotation.ContinueAsync(world.TenantId, CancellationToken.None)).Retired == 0
            && (await world.Operator.Keys.GetRotationStatusAsync(new GetRotationStatusRequest { TenantId = world.TenantId }).Within()).Retiring.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the old data key was never retired");
            await Task.Delay(200);
        }

        var vault = gateway.MongoKeyVaultDatabase.GetCollection<BsonDocument>("keys");
        var retained = await vault.Find(new BsonDocument("_id", retainedKeyId)).SingleAsync();
        Assert.Equal((int)KeyKind.Retained, retained["kind"].AsInt32);
        Assert.Equal(rotated.Current.KeyId, retained["wrappedBy"].AsString);
        Assert.Equal(0, await vault.CountDocumentsAsync(new BsonDocument("_id", oldKey)));

        // From the vault, not the cache: unwrapped under the new data key.
        gateway.Services.GetRequiredService<UnwrappedKeyCache>().Clear();
        Assert.Equal("dentist", (await world.ReadAsync("attendance", held)).Fields["absence_reason"].StringValue);
    }

    [Fact]
    public async Task A_whole_tenant_erasure_with_a_held_record_is_refused_and_the_refusal_reaches_the_tenants_webhook()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var held = await world.SeedAsync("tenant-held");
        var hold = await world.HoldAsync("subj-tenant-held", null, "litigation hold, case 2026-40");
        var channels = await world.Operator.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, WebhookUrl = _webhook.Url.AbsoluteUri,
        }).Within();

        var request = await world.Operator.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Tenant, Reason = "the institution closed its account",
        }).Within();

        Assert.Equal(ErasureState.Refused, request.State);
        Assert.Contains(hold.HoldId, request.RefusalReason, StringComparison.Ordinal);
        var delivered = await ErasureWorld.EventuallyAsync(
            () => _webhook.Received.Where(r => r.Answered == HttpStatusCode.NoContent && r.Body.Contains(request.RequestId, StringComparison.Ordinal))
                .Select(r => (object)r).FirstOrDefault(), "the refusal at the webhook");
        var (headers, body, _) = ((IReadOnlyDictionary<string, string>, string, HttpStatusCode))delivered;
        WebhookReceiver.AssertSigned(headers["X-PG-Signature"], body, channels.WebhookSecret);
        Assert.Equal("erasure.refused", headers["X-PG-Event"]);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(request.RefusalReason, (string?)json["refusal_reason"]);
        Assert.Equal(held, (string?)Assert.Single(json["blocked_records"]!.AsArray())!["record_id"]);
        var tenant = await world.Operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = world.TenantId }).Within();
        Assert.Equal(TenantStatus.Active, tenant.Status);
    }

    public void Dispose() => _webhook.Dispose();
}
