using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>The ErasureService rows of the authorisation matrix: subjects.rights for a tenant's client, tenants.admin for an operator.</summary>
internal static class ErasureRpcs
{
    private const RpcTraits Tenant = RpcTraits.TenantScoped;
    private static readonly string[] Rights = [Scopes.SubjectsRights];

    public static IReadOnlyList<GatewayRpc> All { get; } =
    [
        new("ErasureService.RequestErasure", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(ErasureState.Received, (await c.Erasure.RequestErasureAsync(NewRequest(t)).Within()).State))),
        new("ErasureService.VerifyErasure", Rights, Tenant, async (w, t, _) =>
        {
            var id = await RequestAsync(w, t);
            return async c => Assert.Equal(ErasureState.Verified,
                (await c.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = t, RequestId = id, Note = "identity checked against the enrolment record" }).Within()).State);
        }),
        new("ErasureService.RefuseErasure", Rights, Tenant, async (w, t, _) =>
        {
            var id = await RequestAsync(w, t);
            return async c => Assert.Equal(ErasureState.Refused,
                (await c.Erasure.RefuseErasureAsync(new RefuseErasureRequest { TenantId = t, RequestId = id, Reason = "identity not confirmed" }).Within()).State);
        }),
        new("ErasureService.GetErasureRequest", Rights, Tenant, async (w, t, _) =>
        {
            var id = await RequestAsync(w, t);
            return async c => Assert.Equal(id, (await c.Erasure.GetErasureRequestAsync(new GetErasureRequestRequest { TenantId = t, RequestId = id }).Within()).RequestId);
        }),
        new("ErasureService.ListErasureRequests", Rights, Tenant, async (w, t, _) =>
        {
            await RequestAsync(w, t);
            return async c =>
            {
                var listed = await c.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest { TenantId = t }).Within();
                Assert.NotEmpty(listed.Requests);
                Assert.All(listed.Requests, r => Assert.Equal(t, r.TenantId));
            };
        }),
        new("ErasureService.ExecuteErasure", Rights, Tenant, async (w, t, _) =>
        {
            var id = await RequestAsync(w, t);
            await w.Operator.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = t, RequestId = id, Note = "identity checked against the enrolment record" }).Within();
            return async c =>
            {
                var executed = await c.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = t, RequestId = id }).Within();
                Assert.Equal(ErasureState.Executed, executed.State);
                Assert.NotEmpty(executed.Receipt);
            };
        }),
        new("ErasureService.PlaceLegalHold", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.NotEmpty((await c.Erasure.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { TenantId = t, SubjectId = NewSubject(), Reason = "case 17" }).Within()).HoldId))),
        new("ErasureService.ReleaseLegalHold", Rights, Tenant, async (w, t, _) =>
        {
            var hold = await w.Operator.Erasure.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { TenantId = t, SubjectId = NewSubject(), Reason = "case 18" }).Within();
            return async c => Assert.NotNull((await c.Erasure.ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { TenantId = t, HoldId = hold.HoldId }).Within()).ReleasedAt);
        }),
        new("ErasureService.ListLegalHolds", Rights, Tenant, async (w, t, _) =>
        {
            await w.Operator.Erasure.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { TenantId = t, SubjectId = NewSubject(), Reason = "case 19" }).Within();
            return async c => Assert.All((await c.Erasure.ListLegalHoldsAsync(new ListLegalHoldsRequest { TenantId = t }).Within()).Holds, h => Assert.Equal(t, h.TenantId));
        }),
        new("ErasureService.SetRetentionRule", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(10, (await c.Erasure.SetRetentionRuleAsync(new SetRetentionRuleRequest
            {
                TenantId = t, Collection = "fees", RetentionYears = 10, Reason = "fee records kept 10 years",
            }).Within()).RetentionYears))),
        new("ErasureService.ListRetentionRules", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.All((await c.Erasure.ListRetentionRulesAsync(new ListRetentionRulesRequest { TenantId = t }).Within()).Rules, r => Assert.Equal(t, r.TenantId)))),
        new("ErasureService.SetErasureCalendar", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(30, (await c.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest
            {
                TenantId = t, WeekendDays = { 0, 6 }, InstitutionPeriodBusinessDays = 30,
            }).Within()).InstitutionPeriodBusinessDays))),
        new("ErasureService.GetErasureCalendar", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(t, (await c.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = t }).Within()).TenantId))),
        new("ErasureService.SetNotificationChannels", Rights, Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(["dpo@school.test"], (await c.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
            {
                TenantId = t, EmailRecipients = { "dpo@school.test" },
            }).Within()).EmailRecipients))),
        new("ErasureService.ListUndeliveredNotifications", Rights, Tenant, async (w, t, _) =>
        {
            var id = await GivenUpMessageAsync(w, t);
            return async c => Assert.Contains(id,
                (await c.Erasure.ListUndeliveredNotificationsAsync(new ListUndeliveredNotificationsRequest { TenantId = t, PageSize = 500 }).Within()).Notifications
                .Select(n => n.MessageId));
        }),
        new("ErasureService.ResendNotification", Rights, Tenant, async (w, t, _) =>
        {
            var id = await GivenUpMessageAsync(w, t);
            return async c => Assert.Equal(NotificationStatus.Pending,
                (await c.Erasure.ResendNotificationAsync(new ResendNotificationRequest { TenantId = t, MessageId = id }).Within()).Status);
        }),
    ];

    /// <summary>A tenant e-mail message given up after its last attempt, written straight to the outbox (the matrix gateway sends no mail).</summary>
    private static async Task<string> GivenUpMessageAsync(AuthWorld world, string tenantId)
    {
        var id = $"{Guid.NewGuid():N}:email";
        var now = DateTime.UtcNow;
        await world.Gateway.MongoDatabase.GetCollection<MongoDB.Bson.BsonDocument>("notification_outbox").InsertOneAsync(new MongoDB.Bson.BsonDocument
        {
            { "_id", id }, { "t", tenantId }, { "ch", 2 }, { "et", "erasure.executed" }, { "sub", "Deletion receipt" }, { "body", "receipt" },
            { "ca", now }, { "att", 12 }, { "na", now }, { "ga", now }, { "err", "SocketException: connection refused" },
        });
        return id;
    }

    private static string NewSubject() => $"subj-{Guid.NewGuid():N}"[..20];

    private static RequestErasureRequest NewRequest(string tenantId) => new()
    {
        TenantId = tenantId, Scope = ErasureScope.Subject, SubjectId = NewSubject(), Reason = "authorisation matrix",
    };

    /// <summary>A fresh request for a throwaway subject, made by the operator.</summary>
    private static async Task<string> RequestAsync(AuthWorld world, string tenantId) =>
        (await world.Operator.Erasure.RequestErasureAsync(NewRequest(tenantId)).Within()).RequestId;

    private static Task<Func<GrpcTestClients, Task>> Call(Func<GrpcTestClients, Task> call) => Task.FromResult(call);
}
