using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// One group commit of a chain: the events one writer appended together, in one document (docs/design.md §8).
/// Its <c>_id</c> is the chain and the sequence number of its first event (<see cref="AuditBlockIds"/>).
/// Every block starts right after the last event of the block before it, and a writer only ever appends
/// after a block it read or wrote, so two writers appending after the same head aim at the same <c>_id</c>:
/// the second insert is a duplicate key, and the chain cannot fork. Nothing here is read but what verification
/// checks: the places come from the <c>_id</c> and the order of the events, and the chain in <c>c</c> (which the
/// indexes lead with) is the chain each event is verified against. Ids and names only, never a personal value.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class AuditBlockDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("c")]
    public required string ChainId { get; init; }

    [BsonElement("e")]
    public required List<AuditEventDocument> Events { get; init; }
}
