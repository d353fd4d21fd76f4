using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>A legal hold: <c>_id</c> is <c>tenant/hold</c>.</summary>
[BsonIgnoreExtraElements]
internal sealed class LegalHoldDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("h")]
    public required string HoldId { get; init; }

    [BsonElement("s")]
    public required string SubjectId { get; init; }

    [BsonElement("c")]
    [BsonIgnoreIfNull]
    public string? Collection { get; init; }

    [BsonElement("r")]
    public required string Reason { get; init; }

    [BsonElement("pa")]
    public required DateTime PlacedAt { get; init; }

    [BsonElement("pb")]
    public required string PlacedBy { get; init; }

    [BsonElement("ra")]
    [BsonIgnoreIfNull]
    public DateTime? ReleasedAt { get; init; }
}
