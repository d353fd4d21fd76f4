using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Tenants;

[BsonIgnoreExtraElements]
internal sealed class TenantDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("name")]
    public required string DisplayName { get; init; }

    [BsonElement("status")]
    public required string Status { get; init; }

    [BsonElement("dataKeyId")]
    public required string DataKeyId { get; init; }

    [BsonElement("dataKeyVersion")]
    public required int DataKeyVersion { get; init; }

    [BsonElement("indexKeyId")]
    public required string IndexKeyId { get; init; }

    [BsonElement("indexKeyVersion")]
    public required int IndexKeyVersion { get; init; }

    [BsonElement("createdAt")]
    public required DateTime CreatedAt { get; init; }
}
