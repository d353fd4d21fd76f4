using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>One chain's prune point (<see cref="Core.Audit.AuditPrunePoint"/>), in the ledger database. Only ever moves forward.</summary>
[BsonIgnoreExtraElements]
internal sealed class AuditPrunePointDocument
{
    /// <summary>The chain id.</summary>
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("s")]
    public required long Sequence { get; init; }

    [BsonElement("h")]
    public required string Hash { get; init; }

    [BsonElement("at")]
    public required DateTime PrunedAt { get; init; }

    [BsonElement("why")]
    public required string Reason { get; init; }
}
