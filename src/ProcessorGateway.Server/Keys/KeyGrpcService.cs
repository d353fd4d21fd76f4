using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Rotation;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Server.Auth;

namespace ProcessorGateway.Server.Keys;

[Authorize]
internal sealed class KeyGrpcService(ShredService shredder, KeyRotationService rotation) : KeyService.KeyServiceBase
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
        Core.Audit.AuditTrail.NoteSubject(request.SubjectId);
        return ToProto(await shredder.EraseSubjectAsync(tenantId, request.SubjectId, request.Reason, caller.ClientId, context.CancellationToken));
    }

    public override async Task<ShredReply> OffboardTenant(OffboardTenantRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireOperator(caller);
        return ToProto(await shredder.OffboardTenantAsync(request.TenantId, request.Reason, caller.ClientId, context.CancellationToken));
    }

    public override async Task<ReconcileShredLedgerReply> ReconcileShredLedger(ReconcileShredLedgerRequest request, ServerCallContext context)
    {
        AccessPolicy.RequireOperator(context.Caller());
        var (checkedCount, deleted) = await shredder.ReconcileAsync(context.CancellationToken);
        return new ReconcileShredLedgerReply { LedgerEntriesChecked = checkedCount, KeysDeleted = deleted };
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
