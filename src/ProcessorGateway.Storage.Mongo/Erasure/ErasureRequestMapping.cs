using MongoDB.Bson;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Schemas;

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
        Parts = r.Parts.Select(p => new ErasurePartDocument
        {
            DataClass = (int)p.Class, Collections = [.. p.Collections], State = (int)p.State, DueAt = p.DueAt?.UtcDateTime,
            ExecuteAfter = p.ExecuteAfter?.UtcDateTime, ExecutedAt = p.ExecutedAt?.UtcDateTime, RecordCounts = Counts(p.RecordCounts),
        }).ToList(),
        State = (int)r.State,
        Reason = r.Reason,
        RequestedBy = r.RequestedBy,
        ReceivedAt = r.ReceivedAt.UtcDateTime,
        VerificationDueAt = r.VerificationDueAt?.UtcDateTime,
        VerifiedAt = r.VerifiedAt?.UtcDateTime,
        VerifiedBy = r.VerifiedBy,
        VerificationNote = r.VerificationNote,
        DueAt = r.DueAt?.UtcDateTime,
        NextDeadline = r.NextDeadline?.UtcDateTime,
        NextExecuteAfter = r.NextExecuteAfter?.UtcDateTime,
        OverdueNoticeAt = r.NextOverdueNotice?.UtcDateTime,
        OverdueNotifiedFor = r.OverdueNotifiedFor?.UtcDateTime,
        ExecutedAt = r.ExecutedAt?.UtcDateTime,
        PurgedAt = r.PurgedAt?.UtcDateTime,
        RefusalReason = r.RefusalReason,
        Blocked = r.Blocked.Select(b => new BlockedRecordDocument
        {
            Collection = b.Collection, RecordId = b.RecordId, HeldBy = b.HeldBy, Reason = b.Reason, RetainedUntil = b.RetainedUntil?.UtcDateTime,
        }).ToList(),
        RetainedKeyId = r.RetainedKeyId?.ToString("N"),
        InstitutionKeyId = r.InstitutionKeyId?.ToString("N"),
        ReleasedKeyIds = r.ReleasedKeyIds.Select(k => k.ToString("N")).ToList(),
        KeptCheckAt = r.KeptCheckAt?.UtcDateTime,
        KeptReleased = r.KeptReleased,
        RecordCounts = Counts(r.RecordCounts),
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
        new(d.Id, d.TenantId, (ErasureScope)d.Scope, d.SubjectId, (ErasureState)d.State, d.Reason, d.RequestedBy, At(d.ReceivedAt), d.Version)
        {
            Parts = d.Parts.Count > 0
                ? d.Parts.Select(p => new ErasurePart((DataClass)p.DataClass, p.Collections, (ErasureState)p.State)
                {
                    DueAt = At(p.DueAt), ExecuteAfter = At(p.ExecuteAfter), ExecutedAt = At(p.ExecutedAt), RecordCounts = Counts(p.RecordCounts),
                }).ToList()
                : [LegacyPart(d)],
            VerificationDueAt = At(d.VerificationDueAt),
            VerifiedAt = At(d.VerifiedAt),
            VerifiedBy = d.VerifiedBy,
            VerificationNote = d.VerificationNote,
            ExecutedAt = At(d.ExecutedAt),
            PurgedAt = At(d.PurgedAt),
            RefusalReason = d.RefusalReason,
            Blocked = d.Blocked.Select(b => new BlockedRecord(b.Collection, b.RecordId, b.HeldBy, b.Reason, At(b.RetainedUntil))).ToList(),
            RetainedKeyId = d.RetainedKeyId is null ? null : Guid.Parse(d.RetainedKeyId),
            InstitutionKeyId = d.InstitutionKeyId is null ? null : Guid.Parse(d.InstitutionKeyId),
            ReleasedKeyIds = d.ReleasedKeyIds.Select(Guid.Parse).ToList(),
            KeptCheckAt = At(d.KeptCheckAt),
            KeptReleased = d.KeptReleased,
            RecordCounts = Counts(d.RecordCounts),
            KeyIds = d.KeyIds.Select(Guid.Parse).ToList(),
            AlsoErased = d.AlsoErased?.Select(i => new ErasedItem(i.Kind, i.Count)).ToList(),
            Receipt = d.Receipt,
            ContactKeyId = d.ContactKeyId is null ? null : Guid.Parse(d.ContactKeyId),
            ContactAddress = d.ContactAddress,
            NobodyToNotify = d.NobodyToNotify,
            LeaseOwner = d.LeaseOwner,
            LeaseUntil = At(d.LeaseUntil),
            OverdueNotifiedFor = At(d.OverdueNotifiedFor),
        };

    public static string OpenKey(string tenantId, ErasureScope scope, string? subjectId) => $"{tenantId}/{(int)scope}/{subjectId ?? "*"}";

    public static DateTimeOffset At(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? At(DateTime? value) => value is { } v ? At(v) : null;

    /// <summary>
    /// A request stored before parts existed: one part of the kind it was filed under, its deadline and state. With no
    /// execute-after time, a verified one executes at the job's next pass.
    /// </summary>
    private static ErasurePart LegacyPart(ErasureRequestDocument d)
    {
        var state = (ErasureState)d.State switch
        {
            ErasureState.Purged => ErasureState.Executed,
            var s => s,
        };
        var dataClass = (ErasureKind)d.Kind == ErasureKind.InstitutionManaged ? DataClass.InstitutionManaged : DataClass.PersonalAccount;
        return new ErasurePart(dataClass, d.RecordCounts?.Names.ToList() ?? [], state)
        {
            DueAt = At(d.DueAt), ExecutedAt = At(d.ExecutedAt), RecordCounts = Counts(d.RecordCounts),
        };
    }

    private static BsonDocument? Counts(IReadOnlyDictionary<string, long>? counts) =>
        counts is null ? null : new BsonDocument(counts.Select(c => new BsonElement(c.Key, c.Value)));

    private static Dictionary<string, long>? Counts(BsonDocument? counts) =>
        counts?.Elements.ToDictionary(e => e.Name, e => e.Value.ToInt64(), StringComparer.Ordinal);
}
