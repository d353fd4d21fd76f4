using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ErasedKinds = ProcessorGateway.Core.Erasure.ErasedKinds;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// Offboarding a tenant removes everything of it, not only its records: its schemas, clients, subjects' state, holds,
/// rules, calendar, other requests and idempotency keys go with the execution, its channels once the receipt reached
/// them, and its records with the purge. The receipt lists each kind with its count; the clients get no token any more.
/// </summary>
public sealed class TenantStateErasureTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    [Fact]
    public async Task After_offboarding_executes_nothing_of_the_tenant_remains_but_the_audit_ledger_purge_log_and_the_request_and_its_clients_get_no_token()
    {
        var person = await ErasedPerson.SeedAsync(gateway);
        var tenant = person.TenantId;
        var world = person.World;
        var registered = await world.Operator.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant, DisplayName = "attendance app", Scopes = { Scopes.RecordsRead }, Purposes = { "attendance" },
        }).Within();
        var clientChannel = gateway.CreateChannel(await gateway.GetTokenAsync(registered.Client.ClientId, registered.ClientSecret));
        var erasure = world.Rights.Erasure;
        var hold = await world.HoldAsync("subj-other", null, "case FD-2026-99");
        await erasure.ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { TenantId = tenant, HoldId = hold.HoldId }).Within();
        // A rule on a collection with no records yet keeps nothing, so it does not block the offboarding.
        await world.Operator.Schemas.DefineSchemaAsync(new DefineSchemaRequest
        {
            TenantId = tenant, Collection = "clubs",
            Fields = { new FieldDefinition { Name = "title", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" } },
        }).Within();
        await erasure.SetRetentionRuleAsync(new SetRetentionRuleRequest { TenantId = tenant, Collection = "clubs", RetentionYears = 5, Reason = "club records act" }).Within();
        await world.Operator.Records.PutRecordAsync(Idempotent(StudentRecords.Attendance(tenant, "att-idem", "stu-idem"))).Within();
        await erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest { TenantId = tenant, Holidays = { "2026-12-25" } }).Within();
        var dpo = $"dpo-{Guid.NewGuid():N}@school.test";
        await erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest { TenantId = tenant, EmailRecipients = { dpo } }).Within();
        await world.RequestAsync("subj-stu-idem");

        var executed = await OffboardAsync(world);

        var expected = new Dictionary<string, long>
        {
            [ErasedKinds.SubjectProfiles] = 1, [ErasedKinds.Consents] = 1, [ErasedKinds.CommunicationPreferences] = 1, [ErasedKinds.Schemas] = 3,
            [ErasedKinds.Clients] = 2, [ErasedKinds.LegalHolds] = 1, [ErasedKinds.RetentionRules] = 1, [ErasedKinds.ErasureCalendar] = 1,
            [ErasedKinds.ErasureRequests] = 1, [ErasedKinds.IdempotencyKeys] = 1,
        };
        Assert.Equal(expected, executed.AlsoErased.ToDictionary(i => i.Kind, i => i.Count));
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(expected, receipt["also_erased"]!.AsObject().ToDictionary(c => c.Key, c => (long)c.Value!));

        // Neither a new token nor one issued before.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => gateway.GetTokenAsync(registered.Client.ClientId, registered.ClientSecret));
        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => new GrpcTestClients(clientChannel).Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = tenant, Collection = "attendance", RecordId = "att-idem", Purpose = "attendance",
        }).ResponseAsync);

        // The receipt reaches the channels, which then go, and the purge removes the records.
        await ErasureWorld.EventuallyAsync(() => gateway.Smtp.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == dpo)), "the receipt to the DPO");
        await ErasedPerson.PurgeUntilLoggedAsync(gateway, tenant);

        var left = (await GatewayCollections.EveryDocumentAsync(gateway))
            .Where(d => !d.IsAudit && d.Collection is not ("shred_ledger" or "purge_log") && d.Mentions(tenant))
            .Where(d => !IsKept(d, tenant, executed.RequestId))
            .ToList();
        Assert.True(left.Count == 0, "documents of the offboarded tenant left:\n" + string.Join('\n', left));
    }

    [Fact]
    public async Task An_offboarded_tenants_channels_stay_until_its_receipt_is_delivered()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "attendance");
        await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, WebhookUrl = "http://127.0.0.1:9/never-answers",
        }).Within();
        await OffboardAsync(world);

        var purged = await gateway.Services.GetRequiredService<PurgeService>().PurgeAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.DoesNotContain(purged, p => p.TenantId == world.TenantId);
        var channels = gateway.MongoDatabase.GetCollection<BsonDocument>("notification_channels");
        Assert.Equal(1, await channels.CountDocumentsAsync(new BsonDocument("_id", world.TenantId)));
    }

    /// <summary>The operator requests the tenant's erasure, a second operator verifies it, and the first executes it at once.</summary>
    private async Task<ErasureRequest> OffboardAsync(ErasureWorld world)
    {
        var erasure = world.Operator.Erasure;
        var offboarding = await erasure.RequestErasureAsync(new RequestErasureRequest
        {
            // The kind is ignored once each collection's data class decides; until then a tenant is institution-managed.
            TenantId = world.TenantId, Scope = ErasureScope.Tenant, Kind = ErasureKind.InstitutionManaged, Reason = "the institution closed its account",
        }).Within();
        await (await SecondOperator.ForAsync(gateway)).Clients.Erasure.VerifyErasureAsync(new VerifyErasureRequest
        {
            TenantId = world.TenantId, RequestId = offboarding.RequestId, Note = "contract termination signed by the institution",
        }).Within();
        var executed = await erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = offboarding.RequestId }).Within();
        Assert.Equal(ErasureState.Executed, executed.State);
        return executed;
    }

    /// <summary>
    /// Kept on purpose: the offboarding request (it holds the receipt) and its messages (its delivery record), and the
    /// tenant document, whose shredded status refuses every call and keeps the id from being registered again.
    /// </summary>
    private static bool IsKept(StoredDocument document, string tenant, string requestId) => document.Collection switch
    {
        "erasure_requests" => document.Id == requestId,
        "notification_outbox" => document.Id.AsString.StartsWith(requestId, StringComparison.Ordinal),
        "tenants" => document.Id == tenant,
        _ => false,
    };

    private static PutRecordRequest Idempotent(PutRecordRequest put)
    {
        put.IdempotencyKey = $"idem-{Guid.NewGuid():N}";
        return put;
    }
}
