using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Shredding;

/// <summary>One purge; <c>_id</c> is the shredded key's id.</summary>
[BsonIgnoreExtraElements]
internal sealed class PurgeLogDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("s")]
    [BsonIgnoreIfNull]
    public string? SubjectId { get; init; }

    [BsonElement("removed")]
    public required long RecordsRemoved { get; init; }

    [BsonElement("at")]
    public required DateTime PurgedAt { get; init; }
}
