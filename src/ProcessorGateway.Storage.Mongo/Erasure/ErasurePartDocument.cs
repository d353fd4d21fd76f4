using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>One part (data class) of an erasure request, stored inside the request.</summary>
[BsonIgnoreExtraElements]
internal sealed class ErasurePartDocument
{
    [BsonElement("dc")]
    public required int DataClass { get; init; }

    [BsonElement("cs")]
    public List<string> Collections { get; init; } = [];

    [BsonElement("st")]
    public required int State { get; init; }

    [BsonElement("da")]
    [BsonIgnoreIfNull]
    public DateTime? DueAt { get; init; }

    [BsonElement("xa")]
    [BsonIgnoreIfNull]
    public DateTime? ExecuteAfter { get; init; }

    [BsonElement("ea")]
    [BsonIgnoreIfNull]
    public DateTime? ExecutedAt { get; init; }

    [BsonElement("rc")]
    [BsonIgnoreIfNull]
    public BsonDocument? RecordCounts { get; init; }
}
