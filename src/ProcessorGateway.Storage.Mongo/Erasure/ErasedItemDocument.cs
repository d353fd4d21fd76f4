using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

[BsonIgnoreExtraElements]
internal sealed class ErasedItemDocument
{
    [BsonElement("k")]
    public required string Kind { get; init; }

    [BsonElement("n")]
    public required long Count { get; init; }
}
