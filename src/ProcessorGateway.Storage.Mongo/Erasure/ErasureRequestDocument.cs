using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>
/// One erasure request. <c>ok</c> (open key) is set while the request is open, and unique per target. <c>nd</c> (next
/// deadline), <c>xa</c> (next execute-after time) and <c>nn</c> (overdue notice due) are derived from the parts on every
/// write, for the queries. A request stored before parts existed has none of them (nor <c>pt</c>): it is read as one
/// part of its <c>k</c>ind, with <c>da</c> as that part's deadline.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class ErasureRequestDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("sc")]
    public required int Scope { get; init; }

    [BsonElement("s")]
    [BsonIgnoreIfNull]
    public string? SubjectId { get; init; }

    [BsonElement("k")]
    public required int Kind { get; init; }

    [BsonElement("pt")]
    public List<ErasurePartDocument> Parts { get; init; } = [];

    [BsonElement("vda")]
    [BsonIgnoreIfNull]
    public DateTime? VerificationDueAt { get; init; }

    [BsonElement("vby")]
    [BsonIgnoreIfNull]
    public string? VerifiedBy { get; init; }

    [BsonElement("vn")]
    [BsonIgnoreIfNull]
    public string? VerificationNote { get; init; }

    [BsonElement("nd")]
    [BsonIgnoreIfNull]
    public DateTime? NextDeadline { get; init; }

    [BsonElement("xa")]
    [BsonIgnoreIfNull]
    public DateTime? NextExecuteAfter { get; init; }

    [BsonElement("nn")]
    [BsonIgnoreIfNull]
    public DateTime? OverdueNoticeAt { get; init; }

    [BsonElement("ond")]
    [BsonIgnoreIfNull]
    public DateTime? OverdueNotifiedFor { get; init; }

    [BsonElement("ik")]
    [BsonIgnoreIfNull]
    public string? InstitutionKeyId { get; init; }

    [BsonElement("st")]
    public required int State { get; init; }

    [BsonElement("r")]
    public required string Reason { get; init; }

    [BsonElement("by")]
    public required string RequestedBy { get; init; }

    [BsonElement("ra")]
    public required DateTime ReceivedAt { get; init; }

    [BsonElement("va")]
    [BsonIgnoreIfNull]
    public DateTime? VerifiedAt { get; init; }

    [BsonElement("da")]
    [BsonIgnoreIfNull]
    public DateTime? DueAt { get; init; }

    [BsonElement("ea")]
    [BsonIgnoreIfNull]
    public DateTime? ExecutedAt { get; init; }

    [BsonElement("pa")]
    [BsonIgnoreIfNull]
    public DateTime? PurgedAt { get; init; }

    [BsonElement("rr")]
    [BsonIgnoreIfNull]
    public string? RefusalReason { get; init; }

    [BsonElement("bl")]
    public List<BlockedRecordDocument> Blocked { get; init; } = [];

    [BsonElement("rk")]
    [BsonIgnoreIfNull]
    public string? RetainedKeyId { get; init; }

    [BsonElement("kca")]
    [BsonIgnoreIfNull]
    public DateTime? KeptCheckAt { get; init; }

    [BsonElement("krel")]
    [BsonIgnoreIfDefault]
    public bool KeptReleased { get; init; }

    [BsonElement("rel")]
    public List<string> ReleasedKeyIds { get; init; } = [];

    [BsonElement("rc")]
    [BsonIgnoreIfNull]
    public BsonDocument? RecordCounts { get; init; }

    [BsonElement("kid")]
    public List<string> KeyIds { get; init; } = [];

    [BsonElement("ae")]
    [BsonIgnoreIfNull]
    public List<ErasedItemDocument>? AlsoErased { get; init; }

    [BsonElement("rcp")]
    [BsonIgnoreIfNull]
    public string? Receipt { get; init; }

    [BsonElement("ck")]
    [BsonIgnoreIfNull]
    public string? ContactKeyId { get; init; }

    [BsonElement("cad")]
    [BsonIgnoreIfNull]
    public byte[]? ContactAddress { get; init; }

    [BsonElement("nb")]
    [BsonIgnoreIfDefault]
    public bool NobodyToNotify { get; init; }

    [BsonElement("lo")]
    [BsonIgnoreIfNull]
    public string? LeaseOwner { get; init; }

    [BsonElement("lu")]
    [BsonIgnoreIfNull]
    public DateTime? LeaseUntil { get; init; }

    [BsonElement("v")]
    public required long Version { get; init; }

    [BsonElement("ok")]
    [BsonIgnoreIfNull]
    public string? OpenKey { get; init; }
}
