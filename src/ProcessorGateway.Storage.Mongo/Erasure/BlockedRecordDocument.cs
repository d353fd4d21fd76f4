using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

[BsonIgnoreExtraElements]
internal sealed class BlockedRecordDocument
{
    [BsonElement("c")]
    public required string Collection { get; init; }

    [BsonElement("r")]
    public required string RecordId { get; init; }

    [BsonElement("by")]
    public required string HeldBy { get; init; }

    [BsonElement("why")]
    public required string Reason { get; init; }

    [BsonElement("until")]
    [BsonIgnoreIfNull]
    public DateTime? RetainedUntil { get; init; }
}
