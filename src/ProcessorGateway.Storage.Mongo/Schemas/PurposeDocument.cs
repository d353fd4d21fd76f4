using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Schemas;

/// <summary>A purpose a tenant registered: <c>_id</c> is <c>tenant/name</c>, so a name is registered once per tenant. No personal values.</summary>
[BsonIgnoreExtraElements]
internal sealed class PurposeDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("name")]
    public required string Name { get; init; }

    /// <summary>The category's contract number (<c>PurposeCategory</c>), which is never renumbered.</summary>
    [BsonElement("category")]
    public required int Category { get; init; }

    [BsonElement("description")]
    public required string Description { get; init; }

    [BsonElement("by")]
    public required string RegisteredBy { get; init; }

    [BsonElement("at")]
    public required DateTime RegisteredAt { get; init; }
}
