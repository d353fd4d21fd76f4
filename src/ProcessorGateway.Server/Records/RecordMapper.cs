using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Records;
using Proto = ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Server.Records;

internal static class RecordMapper
{
    public static PutCommand ToCommand(Proto.PutRecordRequest request) => new(
        request.TenantId, request.Collection, request.RecordId, request.SubjectId,
        ValueMapper.FromProto(request.Fields), request.ExpectedVersion, request.IdempotencyKey, request.Purpose);

    public static Proto.Record ToProto(RecordView view)
    {
        var record = new Proto.Record
        {
            TenantId = view.TenantId,
            Collection = view.Collection,
            RecordId = view.RecordId,
            SubjectId = view.SubjectId ?? string.Empty,
            Version = view.Version,
            SchemaVersion = view.SchemaVersion,
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
        };
        if (view.Retention is { } kept)
        {
            record.Kept = new Proto.KeptRecord { ErasureRequestId = kept.RequestId };
            record.Kept.Grounds.AddRange(kept.Grounds.Select(g => new Proto.KeptGround
            {
                HeldBy = g.HeldBy, Reason = g.Reason, RetainedUntil = g.RetainedUntil is { } until ? Timestamp.FromDateTimeOffset(until) : null,
            }));
        }

        foreach (var (name, due) in view.FieldExpiresAt)
        {
            record.FieldExpiresAt[name] = Timestamp.FromDateTimeOffset(due);
        }

        record.ExpiresAt = view.ExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null;
        foreach (var (name, value) in view.Fields)
        {
            record.Fields[name] = ValueMapper.ToProto(value);
        }

        foreach (var (name, reason) in view.Masked)
        {
            record.Fields[name] = ValueMapper.Masked(reason);
        }

        return record;
    }

    public static Proto.WriteResult ToProto(WriteOutcome outcome) => new()
    {
        RecordId = outcome.RecordId,
        Version = outcome.Version,
        Replayed = outcome.Replayed,
    };
}
