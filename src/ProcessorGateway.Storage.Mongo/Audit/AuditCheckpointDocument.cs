using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>One chain's checkpoint: the highest head any replica saw durable. Only ever moves forward.</summary>
[BsonIgnoreExtraElements]
internal sealed class AuditCheckpointDocument
{
    /// <summary>The chain id.</summary>
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("s")]
    public required long Sequence { get; init; }

    [BsonElement("h")]
    public required string Hash { get; init; }

    [BsonElement("at")]
    public required DateTime RecordedAt { get; init; }
}
