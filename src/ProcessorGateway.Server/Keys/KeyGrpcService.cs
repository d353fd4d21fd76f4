using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Offboarding;
using ProcessorGateway.Core.Rotation;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Auth;

namespace ProcessorGateway.Server.Keys;

[Authorize]
internal sealed class KeyGrpcService(ShredService shredder, KeyRotationService rotation, TenantOffboardingService offboarding) : KeyService.KeyServiceBase
{
    public override async Task<Contracts.V1.RotationStatus> RotateTenantKey(RotateTenantKeyRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        return ToProto(await rotation.RotateAsync(AccessPolicy.RequireTenant(caller, request.TenantId), context.CancellationToken));
    }

    public override async Task<Contracts.V1.RotationStatus> GetRotationStatus(GetRotationStatusRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        return ToProto(await rotation.StatusAsync(AccessPolicy.RequireTenant(caller, request.TenantId), context.CancellationToken));
    }

    public override async Task<ShredReply> EraseSubject(EraseSubjectRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.SubjectsRights);
        var tenantId = AccessPolicy.RequireTenant(caller, request.TenantId);
        AuditTrail.NoteSubject(request.SubjectId);
        return ToProto(await shredder.EraseSubjectAsync(tenantId, request.SubjectId, request.Reason, caller.ClientId, context.CancellationToken));
    }

    public override async Task<Contracts.V1.TenantOffboarding> RequestTenantOffboarding(RequestTenantOffboardingRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var tenantId = OperatorTenant(caller, request.TenantId);
        var asked = await offboarding.RequestAsync(tenantId, request.Reason, caller.ClientId, context.CancellationToken);
        AuditTrail.NoteRecord(asked.RequestId, null);
        return OffboardingMapper.ToProto(asked);
    }

    public override async Task<Contracts.V1.TenantOffboarding> GetTenantOffboarding(GetTenantOffboardingRequest request, ServerCallContext context)
    {
        var tenantId = OperatorTenant(context.Caller(), request.TenantId);
        return OffboardingMapper.ToProto(await offboarding.GetAsync(tenantId, NotedRequestId(request.RequestId, "request_id"), context.CancellationToken));
    }

    public override async Task<Contracts.V1.TenantOffboarding> CancelTenantOffboarding(CancelTenantOffboardingRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var tenantId = OperatorTenant(caller, request.TenantId);
        return OffboardingMapper.ToProto(await offboarding.CancelAsync(tenantId, NotedRequestId(request.RequestId, "request_id"), caller.ClientId, context.CancellationToken));
    }

    public override async Task<ShredReply> OffboardTenant(OffboardTenantRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var tenantId = OperatorTenant(caller, request.TenantId);
        var requestId = NotedRequestId(request.ApprovalRequestId, TenantOffboardingService.ApprovalField);
        var approved = await offboarding.ApproveAsync(tenantId, requestId, caller.ClientId, context.CancellationToken);
        var reply = ToProto(approved.Shred);
        reply.OffboardingRequestId = approved.Request.RequestId;
        reply.RequestedBy = approved.Request.RequestedBy;
        reply.ApprovedBy = approved.Request.ApprovedBy ?? string.Empty;
        return reply;
    }

    public override async Task<ReconcileShredLedgerReply> ReconcileShredLedger(ReconcileShredLedgerRequest request, ServerCallContext context)
    {
        AccessPolicy.RequireOperator(context.Caller());
        var (checkedCount, deleted) = await shredder.ReconcileAsync(context.CancellationToken);
        return new ReconcileShredLedgerReply { LedgerEntriesChecked = checkedCount, KeysDeleted = deleted };
    }

    /// <summary>
    /// An operator call naming a tenant. The tenant is checked first, so the event goes to that tenant's audit chain (its DPO
    /// sees who asked and who approved) and another tenant's client trying is recorded in the target's chain too.
    /// </summary>
    private static string OperatorTenant(Caller caller, string? tenantId)
    {
        var tenant = AccessPolicy.RequireTenant(caller, tenantId);
        AccessPolicy.RequireOperator(caller);
        return tenant;
    }

    /// <summary>The event names the offboarding request it is about, refused or not, so the audit ties the steps together.</summary>
    private static string NotedRequestId(string? requestId, string field)
    {
        var id = Identifiers.RecordId(requestId, field);
        AuditTrail.NoteRecord(id, null);
        return id;
    }

    private static Contracts.V1.RotationStatus ToProto(Core.Rotation.RotationStatus status) => new()
    {
        Current = ToProto(status.Current),
        Retiring = { status.Retiring.Select(ToProto) },
        SubjectKeysToRewrap = status.SubjectKeysToRewrap,
        RecordsToReencrypt = status.RecordsToReencrypt,
    };

    private static KeyVersion ToProto(Core.Keys.KeyReference key) => new() { KeyId = key.Id.ToString("N"), Version = key.Version };

    private static ShredReply ToProto(ShredOutcome outcome) => new()
    {
        KeyIds = { outcome.KeyIds.Select(id => id.ToString("N")) },
        ShreddedAt = Timestamp.FromDateTimeOffset(outcome.ShreddedAt),
        RecordBackupsAgeOutBy = Timestamp.FromDateTimeOffset(outcome.RecordBackupsAgeOutBy),
        KeyVaultBackupsAgeOutBy = Timestamp.FromDateTimeOffset(outcome.KeyVaultBackupsAgeOutBy),
        Replayed = outcome.Replayed,
        ReplicasAcknowledged = outcome.Invalidation?.Acknowledged ?? 0,
        ReplicasRevoked = outcome.Invalidation?.Revoked ?? 0,
        WaitedForLease = Duration.FromTimeSpan(outcome.Invalidation?.WaitedForLease ?? TimeSpan.Zero),
        InvalidationNote = outcome.Invalidation?.Note ?? "replayed: the keys were destroyed by an earlier call",
    };
}
