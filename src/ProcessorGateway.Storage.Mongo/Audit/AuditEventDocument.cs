using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// One audit event in its chain. Its <c>_id</c> is its place, chain and sequence number
/// (<see cref="AuditEventIds"/>), so two replicas can never both write the same place: the second
/// insert is a duplicate key. Ids and names only, never a personal value.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class AuditEventDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("c")]
    public required string ChainId { get; init; }

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

    [BsonElement("a")]
    public required string Action { get; init; }

    [BsonElement("r")]
    public required string[] RecordIds { get; init; }

    [BsonElement("s")]
    public required string[] SubjectIds { get; init; }

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
}
