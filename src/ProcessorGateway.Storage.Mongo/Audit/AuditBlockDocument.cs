using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// One group commit of a chain: the events one writer appended together, in one document (DESIGN.md §8).
/// Its <c>_id</c> is the chain and the sequence number of its first event (<see cref="AuditBlockIds"/>).
/// Every block starts right after the last event of the block before it, and a writer only ever appends
/// after a block it read or wrote, so two writers appending after the same head aim at the same <c>_id</c>:
/// the second insert is a duplicate key, and the chain cannot fork. Ids and names only, never a personal value.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class AuditBlockDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("c")]
    public required string ChainId { get; init; }

    /// <summary>
    /// The sequence number of the last event, for queries only (a page starting inside this block finds it);
    /// verification reads each event's place from the <c>_id</c> and the event's index in the block.
    /// </summary>
    [BsonElement("n")]
    public required long LastSequence { get; init; }

    [BsonElement("e")]
    public required List<AuditEventDocument> Events { get; init; }
}
