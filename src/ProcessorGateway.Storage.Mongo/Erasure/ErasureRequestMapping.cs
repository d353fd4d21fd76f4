using MongoDB.Bson;
using ProcessorGateway.Core.Erasure;

namespace ProcessorGateway.Storage.Mongo.Erasure;

internal static class ErasureRequestMapping
{
    public static ErasureRequestDocument ToDocument(ErasureRequest r) => new()
    {
        Id = r.RequestId,
        TenantId = r.TenantId,
        Scope = (int)r.Scope,
        SubjectId = r.SubjectId,
        Kind = (int)r.Kind,
        State = (int)r.State,
        Reason = r.Reason,
        RequestedBy = r.RequestedBy,
        ReceivedAt = r.ReceivedAt.UtcDateTime,
        VerifiedAt = r.VerifiedAt?.UtcDateTime,
        DueAt = r.DueAt?.UtcDateTime,
        ExecutedAt = r.ExecutedAt?.UtcDateTime,
        PurgedAt = r.PurgedAt?.UtcDateTime,
        RefusalReason = r.RefusalReason,
        Blocked = r.Blocked.Select(b => new BlockedRecordDocument
        {
            Collection = b.Collection, RecordId = b.RecordId, HeldBy = b.HeldBy, Reason = b.Reason, RetainedUntil = b.RetainedUntil?.UtcDateTime,
        }).ToList(),
        RetainedKeyId = r.RetainedKeyId?.ToString("N"),
        ReleasedKeyIds = r.ReleasedKeyIds.Select(k => k.ToString("N")).ToList(),
        KeptCheckAt = r.KeptCheckAt?.UtcDateTime,
        KeptReleased = r.KeptReleased,
        RecordCounts = r.RecordCounts is null ? null : new BsonDocument(r.RecordCounts.Select(c => new BsonElement(c.Key, c.Value))),
        KeyIds = r.KeyIds.Select(k => k.ToString("N")).ToList(),
        AlsoErased = r.AlsoErased?.Select(i => new ErasedItemDocument { Kind = i.Kind, Count = i.Count }).ToList(),
        Receipt = r.Receipt,
        ContactKeyId = r.ContactKeyId?.ToString("N"),
        ContactAddress = r.ContactAddress,
        NobodyToNotify = r.NobodyToNotify,
        LeaseOwner = r.LeaseOwner,
        LeaseUntil = r.LeaseUntil?.UtcDateTime,
        Version = r.Version,
        OpenKey = r.IsOpen ? OpenKey(r.TenantId, r.Scope, r.SubjectId) : null,
    };

    public static ErasureRequest ToDomain(ErasureRequestDocument d) =>
        new(d.Id, d.TenantId, (ErasureScope)d.Scope, d.SubjectId, (ErasureKind)d.Kind, (ErasureState)d.State, d.Reason, d.RequestedBy, At(d.ReceivedAt), d.Version)
        {
            VerifiedAt = At(d.VerifiedAt),
            DueAt = At(d.DueAt),
            ExecutedAt = At(d.ExecutedAt),
            PurgedAt = At(d.PurgedAt),
            RefusalReason = d.RefusalReason,
            Blocked = d.Blocked.Select(b => new BlockedRecord(b.Collection, b.RecordId, b.HeldBy, b.Reason, At(b.RetainedUntil))).ToList(),
            RetainedKeyId = d.RetainedKeyId is null ? null : Guid.Parse(d.RetainedKeyId),
            ReleasedKeyIds = d.ReleasedKeyIds.Select(Guid.Parse).ToList(),
            KeptCheckAt = At(d.KeptCheckAt),
            KeptReleased = d.KeptReleased,
            RecordCounts = d.RecordCounts?.Elements.ToDictionary(e => e.Name, e => e.Value.ToInt64(), StringComparer.Ordinal),
            KeyIds = d.KeyIds.Select(Guid.Parse).ToList(),
            AlsoErased = d.AlsoErased?.Select(i => new ErasedItem(i.Kind, i.Count)).ToList(),
            Receipt = d.Receipt,
            ContactKeyId = d.ContactKeyId is null ? null : Guid.Parse(d.ContactKeyId),
            ContactAddress = d.ContactAddress,
            NobodyToNotify = d.NobodyToNotify,
            LeaseOwner = d.LeaseOwner,
            LeaseUntil = At(d.LeaseUntil),
        };

    public static string OpenKey(string tenantId, ErasureScope scope, string? subjectId) => $"{tenantId}/{(int)scope}/{subjectId ?? "*"}";

    public static DateTimeOffset At(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? At(DateTime? value) => value is { } v ? At(v) : null;
}
