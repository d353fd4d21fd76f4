using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>A retention rule: <c>_id</c> is <c>tenant/collection</c>.</summary>
[BsonIgnoreExtraElements]
internal sealed class RetentionRuleDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("c")]
    public required string Collection { get; init; }

    [BsonElement("y")]
    public required int Years { get; init; }

    [BsonElement("df")]
    [BsonIgnoreIfNull]
    public string? DateField { get; init; }

    [BsonElement("r")]
    public required string Reason { get; init; }
}
