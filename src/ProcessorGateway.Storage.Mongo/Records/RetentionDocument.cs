using MongoDB.Bson.Serialization.Attributes;
using ProcessorGateway.Storage.Mongo.Erasure;

namespace ProcessorGateway.Storage.Mongo.Records;

/// <summary>Why a kept record is kept: the erasure request, and each hold or rule with its stated reason.</summary>
[BsonIgnoreExtraElements]
internal sealed class RetentionDocument
{
    [BsonElement("req")]
    public required string RequestId { get; init; }

    /// <summary>Each hold or rule that keeps the record, stored as the erasure request stores what it kept.</summary>
    [BsonElement("g")]
    public required List<BlockedRecordDocument> Grounds { get; init; }
}
