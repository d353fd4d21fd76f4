using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Server.Auth;
using static ProcessorGateway.Server.Erasure.ErasureMapper;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// Erasure requests, holds, retention rules, the calendar and notification channels. A tenant client
/// needs subjects.rights and acts on its own tenant; an operator needs tenants.admin and names the tenant.
/// Erasing a whole tenant is for operators only.
/// </summary>
[Authorize]
internal sealed class ErasureGrpcService(
    Core.Erasure.ErasureService erasure, ErasurePolicyService policies, NotificationService notifications, RequesterContacts contacts, ErasureClock clock)
    : Contracts.V1.ErasureService.ErasureServiceBase
{
    public override async Task<Contracts.V1.ErasureRequest> RequestErasure(RequestErasureRequest request, ServerCallContext context)
    {
        var (caller, tenantId) = Authorize(context, request.TenantId);
        var scope = Scope(request.Scope);
        if (scope == Core.Erasure.ErasureScope.Tenant && !caller.IsOperator)
        {
            throw DomainErrors.OperatorOnly(caller.ToString(), "erase a whole tenant", "scope");
        }

        // kind is ignored: each collection's data class decides its part's deadline.
        return await ReplyAsync(await erasure.RequestAsync(tenantId, scope, request.SubjectId, request.Reason, caller.ClientId, request.ContactAddress,
            context.CancellationToken), context.CancellationToken);
    }

    public override async Task<Contracts.V1.ErasureRequest> VerifyErasure(VerifyErasureRequest request, ServerCallContext context)
    {
        var (caller, tenantId) = Authorize(context, request.TenantId);
        return await ReplyAsync(await erasure.VerifyAsync(tenantId, request.RequestId, request.Note, caller.ClientId, caller.IsOperator, context.CancellationToken),
            context.CancellationToken);
    }

    public override async Task<Contracts.V1.ErasureRequest> RefuseErasure(RefuseErasureRequest request, ServerCallContext context) =>
        await ReplyAsync(await erasure.RefuseAsync(Authorize(context, request.TenantId).TenantId, request.RequestId, request.Reason, context.CancellationToken),
            context.CancellationToken);

    public override async Task<Contracts.V1.ErasureRequest> GetErasureRequest(GetErasureRequestRequest request, ServerCallContext context)
    {
        var found = await erasure.GetAsync(Authorize(context, request.TenantId).TenantId, request.RequestId, context.CancellationToken);
        var reply = await ReplyAsync(found, context.CancellationToken);
        reply.Notifications.AddRange((await notifications.ListForRequestAsync(found.TenantId, found.RequestId, context.CancellationToken)).Select(NotificationMapper.ToProto));
        return reply;
    }

    public override async Task<Contracts.V1.ErasureRequest> ExecuteErasure(ExecuteErasureRequest request, ServerCallContext context) =>
        await ReplyAsync(await erasure.ExecuteNowAsync(Authorize(context, request.TenantId).TenantId, request.RequestId, context.CancellationToken), context.CancellationToken);

    public override async Task<ListErasureRequestsResponse> ListErasureRequests(ListErasureRequestsRequest request, ServerCallContext context)
    {
        var tenantId = Authorize(context, request.TenantId).TenantId;
        var state = State(request.State);
        var page = await erasure.ListAsync(tenantId, state, request.DueSoon, request.Overdue, request.PageSize, request.PageToken, context.CancellationToken);
        var reply = new ListErasureRequestsResponse { NextPageToken = page.NextPageToken ?? string.Empty };
        foreach (var item in page.Items)
        {
            reply.Requests.Add(await ReplyAsync(item, context.CancellationToken));
        }

        return reply;
    }

    public override async Task<Contracts.V1.LegalHold> PlaceLegalHold(PlaceLegalHoldRequest request, ServerCallContext context)
    {
        var (caller, tenantId) = Authorize(context, request.TenantId);
        return ToProto(await policies.PlaceHoldAsync(tenantId, request.SubjectId, request.Collection, request.Reason, caller.ClientId, context.CancellationToken));
    }

    public override async Task<Contracts.V1.LegalHold> ReleaseLegalHold(ReleaseLegalHoldRequest request, ServerCallContext context) =>
        ToProto(await policies.ReleaseHoldAsync(Authorize(context, request.TenantId).TenantId, request.HoldId, context.CancellationToken));

    public override async Task<ListLegalHoldsResponse> ListLegalHolds(ListLegalHoldsRequest request, ServerCallContext context) =>
        new() { Holds = { (await policies.ListHoldsAsync(Authorize(context, request.TenantId).TenantId, request.SubjectId, context.CancellationToken)).Select(ToProto) } };

    public override async Task<Contracts.V1.RetentionRule> SetRetentionRule(SetRetentionRuleRequest request, ServerCallContext context) =>
        ToProto(await policies.SetRuleAsync(Authorize(context, request.TenantId).TenantId, request.Collection, request.RetentionYears, request.DateField,
            request.Reason, context.CancellationToken));

    public override async Task<ListRetentionRulesResponse> ListRetentionRules(ListRetentionRulesRequest request, ServerCallContext context) =>
        new() { Rules = { (await policies.ListRulesAsync(Authorize(context, request.TenantId).TenantId, context.CancellationToken)).Select(ToProto) } };

    public override async Task<ErasureCalendar> SetErasureCalendar(SetErasureCalendarRequest request, ServerCallContext context)
    {
        var tenantId = Authorize(context, request.TenantId).TenantId;
        return ToProto(tenantId, await policies.SetCalendarAsync(tenantId, [.. request.WeekendDays], [.. request.Holidays],
            request.InstitutionPeriodBusinessDays, request.VerificationPeriodBusinessDays, request.TimeZone, context.CancellationToken,
            request.AgeOfMajority));
    }

    public override async Task<ErasureCalendar> GetErasureCalendar(GetErasureCalendarRequest request, ServerCallContext context)
    {
        var tenantId = Authorize(context, request.TenantId).TenantId;
        return ToProto(tenantId, await policies.CalendarAsync(tenantId, context.CancellationToken));
    }

    public override async Task<Contracts.V1.NotificationChannels> SetNotificationChannels(SetNotificationChannelsRequest request, ServerCallContext context)
    {
        var tenantId = Authorize(context, request.TenantId).TenantId;
        var (channels, secret) = await notifications.SetChannelsAsync(tenantId, request.WebhookUrl, [.. request.EmailRecipients], request.RotateWebhookSecret,
            context.CancellationToken);
        return new Contracts.V1.NotificationChannels
        {
            TenantId = tenantId,
            WebhookUrl = channels.WebhookUrl?.AbsoluteUri ?? string.Empty,
            EmailRecipients = { channels.EmailRecipients },
            WebhookSecret = secret ?? string.Empty,
        };
    }

    public override async Task<ListUndeliveredNotificationsResponse> ListUndeliveredNotifications(ListUndeliveredNotificationsRequest request, ServerCallContext context)
    {
        var tenantId = Authorize(context, request.TenantId).TenantId;
        var page = await notifications.ListUndeliveredAsync(tenantId, request.PageSize, request.PageToken, context.CancellationToken);
        return new ListUndeliveredNotificationsResponse
        {
            Notifications = { page.Items.Select(NotificationMapper.ToProto) }, NextPageToken = page.NextPageToken ?? string.Empty,
        };
    }

    public override async Task<NotificationDelivery> ResendNotification(ResendNotificationRequest request, ServerCallContext context) =>
        NotificationMapper.ToProto(await notifications.ResendAsync(Authorize(context, request.TenantId).TenantId, request.MessageId, context.CancellationToken));

    /// <summary>Tenant clients need subjects.rights; operators need tenants.admin (checked by RequireTenant).</summary>
    private static (Caller Caller, string TenantId) Authorize(ServerCallContext context, string tenantId)
    {
        var caller = context.Caller();
        if (!caller.IsOperator)
        {
            AccessPolicy.RequireScope(caller, Scopes.SubjectsRights);
        }

        return (caller, AccessPolicy.RequireTenant(caller, tenantId));
    }

    /// <summary>The request as stored, and whether the requester's address is still kept (looked up only for requests that were given one).</summary>
    private async Task<Contracts.V1.ErasureRequest> ReplyAsync(Core.Erasure.ErasureRequest request, CancellationToken cancellationToken)
    {
        var reply = ToProto(request, clock.Now());
        reply.ContactOnFile = request.ContactKeyId is not null && await contacts.IsOnFileAsync(request, cancellationToken);
        return reply;
    }
}
