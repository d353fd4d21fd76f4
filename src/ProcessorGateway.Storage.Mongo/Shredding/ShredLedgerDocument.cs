using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Shredding;

/// <summary>A tombstone; <c>_id</c> is the destroyed key's id. No key material, ever.</summary>
[BsonIgnoreExtraElements]
internal sealed class ShredLedgerDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("kind")]
    public required int Kind { get; init; }

    [BsonElement("s")]
    [BsonIgnoreIfNull]
    public string? SubjectId { get; init; }

    [BsonElement("at")]
    public required DateTime ShreddedAt { get; init; }

    [BsonElement("reason")]
    public required string Reason { get; init; }

    [BsonElement("actor")]
    public required string Actor { get; init; }
}
