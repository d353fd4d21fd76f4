using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Keys;

/// <summary>One element of the Data Protection key ring, as the key manager wrote it (already encrypted at rest when configured).</summary>
[BsonIgnoreExtraElements]
internal sealed class DataProtectionKeyDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("xml")]
    public required string Xml { get; init; }

    [BsonElement("createdAt")]
    public required DateTime CreatedAt { get; init; }
}
