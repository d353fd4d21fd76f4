using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// One audit event inside its block (<see cref="AuditBlockDocument"/>): its place in the chain is the block's
/// first sequence number plus its index. It keeps the hash of the event before it, as written, so that a
/// verifier tells an edited event from a removed or rewritten one inside a block as between blocks. Ids and
/// names only, never a personal value: subjects are named by reference under their own keys.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class AuditEventDocument
{
    [BsonElement("eid")]
    public required string EventId { get; init; }

    [BsonElement("prev")]
    public required string PreviousHash { get; init; }

    [BsonElement("h")]
    public required string Hash { get; init; }

    [BsonElement("at")]
    public required DateTime Time { get; init; }

    [BsonElement("actor")]
    public required string Actor { get; init; }

    [BsonElement("t")]
    [BsonIgnoreIfNull]
    public string? TenantId { get; init; }

    [BsonElement("p")]
    [BsonIgnoreIfNull]
    public string? Purpose { get; init; }

    [BsonElement("pc")]
    [BsonIgnoreIfNull]
    public string? PurposeCategory { get; init; }

    [BsonElement("a")]
    public required string Action { get; init; }

    [BsonElement("r")]
    public required string[] RecordIds { get; init; }

    /// <summary>Subject ids in clear: only in events written before subjects were named by reference; empty since.</summary>
    [BsonElement("s")]
    public required string[] SubjectIds { get; init; }

    /// <summary>The subjects named under their keys; absent in older events, which hash without it.</summary>
    [BsonElement("sr")]
    [BsonIgnoreIfNull]
    public SubjectReferenceDocument[]? SubjectRefs { get; init; }

    [BsonElement("su")]
    [BsonIgnoreIfDefault]
    public int UnnamedSubjects { get; init; }

    [BsonElement("f")]
    public required string[] Fields { get; init; }

    [BsonElement("o")]
    public required int Outcome { get; init; }

    [BsonElement("st")]
    public required string Status { get; init; }

    [BsonElement("ip")]
    [BsonIgnoreIfNull]
    public string? ClientIp { get; init; }

    [BsonElement("ua")]
    [BsonIgnoreIfNull]
    public string? UserAgent { get; init; }

    [BsonElement("tr")]
    [BsonIgnoreIfNull]
    public string? TraceId { get; init; }

    /// <summary>How many occurrences the event stands for; absent for one (every event before counts existed).</summary>
    [BsonElement("n")]
    [BsonIgnoreIfNull]
    public long? Count { get; init; }

    /// <summary>Why an unauthenticated refusal was refused; absent for every other event.</summary>
    [BsonElement("rs")]
    [BsonIgnoreIfNull]
    public string? Reason { get; init; }
}
