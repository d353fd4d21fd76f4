using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

[Authorize]
internal sealed class AuditGrpcService(AuditReader reader, AuditRetention retention, IOptions<AuditOptions> options) : AuditService.AuditServiceBase
{
    public override async Task<AuditRetentionPeriod> GetAuditRetention(GetAuditRetentionRequest request, ServerCallContext context)
    {
        var tenantId = AuthorizeRetention(context.Caller(), request.TenantId);
        var (period, own) = await retention.PeriodAsync(tenantId, options.Value.Retention, context.CancellationToken);
        return ToProto(tenantId, period, own);
    }

    public override async Task<AuditRetentionPeriod> SetAuditRetention(SetAuditRetentionRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var tenantId = AuthorizeRetention(caller, request.TenantId);
        var own = await retention.SetAsync(tenantId, request.RetentionDays, caller.ClientId, context.CancellationToken);
        return ToProto(tenantId, own is null ? options.Value.Retention : TimeSpan.FromDays(own.Days), own);
    }

    public override async Task<QueryAuditResponse> QueryAudit(QueryAuditRequest request, ServerCallContext context)
    {
        var chain = AuditReader.AuthorizeChain(context.Caller(), request.TenantId, request.OperatorChain);
        var page = await reader.QueryAsync(chain, request.SubjectId, request.RecordId, request.Actor, request.Purpose,
            request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset(), request.PageSize, request.PageToken, context.CancellationToken);
        return new QueryAuditResponse
        {
            Events = { page.Items.Select(ToProto) },
            NextPageToken = page.NextPageToken ?? string.Empty,
        };
    }

    public override async Task<VerifyAuditChainResponse> VerifyAuditChain(VerifyAuditChainRequest request, ServerCallContext context)
    {
        var chain = AuditReader.AuthorizeChain(context.Caller(), request.TenantId, request.OperatorChain);
        var result = await reader.VerifyAsync(chain, request.ExpectedHeadSequence, request.ExpectedHeadHash, context.CancellationToken);
        var response = new VerifyAuditChainResponse
        {
            Chain = result.ChainId, Intact = result.Intact, EventsChecked = result.EventsChecked, HeadSequence = result.HeadSequence, HeadHash = result.HeadHash,
            RetainedFromSequence = result.RetainedFrom,
        };
        if (result.Pruned is { } pruned)
        {
            response.PrunedAt = Timestamp.FromDateTimeOffset(pruned.PrunedAt);
            response.PrunedReason = pruned.Reason;
        }

        if (result.Checkpoint is { } checkpoint)
        {
            response.CheckpointSequence = checkpoint.Sequence;
            response.CheckpointTime = Timestamp.FromDateTimeOffset(checkpoint.RecordedAt);
        }

        if (result.FirstBreak is { } found)
        {
            response.FirstBreak = new Contracts.V1.ChainBreak
            {
                Kind = (Contracts.V1.ChainBreakKind)(int)found.Kind, Sequence = found.Sequence, EventId = found.EventId, Detail = found.Detail,
            };
        }

        return response;
    }

    /// <summary>As for legal holds: the tenant's own client with subjects.rights (its data-protection officer), or an operator with tenants.admin.</summary>
    private static string AuthorizeRetention(Caller caller, string tenantId)
    {
        if (!caller.IsOperator)
        {
            AccessPolicy.RequireScope(caller, Scopes.SubjectsRights);
        }

        return AccessPolicy.RequireTenant(caller, tenantId);
    }

    private static AuditRetentionPeriod ToProto(string tenantId, TimeSpan period, AuditRetentionSetting? own)
    {
        var reply = new AuditRetentionPeriod { TenantId = tenantId, RetentionDays = (int)period.TotalDays, DeploymentDefault = own is null };
        if (own is not null)
        {
            reply.UpdatedBy = own.UpdatedBy;
            reply.UpdatedAt = Timestamp.FromDateTimeOffset(own.UpdatedAt);
        }

        return reply;
    }

    private static Contracts.V1.AuditEvent ToProto(AuditEventView view)
    {
        var chained = view.Event;
        var e = chained.Entry;
        return new Contracts.V1.AuditEvent
        {
            EventId = e.EventId,
            Chain = chained.ChainId,
            Sequence = chained.Sequence,
            Time = Timestamp.FromDateTimeOffset(e.Time),
            Actor = e.Actor,
            TenantId = e.TenantId ?? string.Empty,
            Purpose = e.Purpose ?? string.Empty,
            PurposeCategory = e.PurposeCategory ?? string.Empty,
            Action = e.Action,
            RecordIds = { e.RecordIds },
            SubjectIds = { view.SubjectIds },
            ErasedSubjectRefs = view.ErasedSubjectRefs,
            Fields = { e.Fields },
            Outcome = (Contracts.V1.AuditOutcome)(int)e.Outcome,
            Status = e.Status,
            ClientIp = e.ClientIp ?? string.Empty,
            UserAgent = e.UserAgent ?? string.Empty,
            TraceId = e.TraceId ?? string.Empty,
            PreviousHash = chained.PreviousHash,
            Hash = chained.Hash,
            Count = e.Count,
            Reason = e.Reason ?? string.Empty,
        };
    }
}
