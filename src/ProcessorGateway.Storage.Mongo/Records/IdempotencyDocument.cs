using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Records;

/// <summary><c>_id</c> is <c>tenant/key</c>. Holds a keyed fingerprint of the request, never its values.</summary>
[BsonIgnoreExtraElements]
internal sealed class IdempotencyDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("k")]
    public required string Key { get; init; }

    [BsonElement("fp")]
    public required byte[] Fingerprint { get; init; }

    [BsonElement("done")]
    public required bool Completed { get; init; }

    [BsonElement("r")]
    public required string RecordId { get; init; }

    [BsonElement("v")]
    public required long Version { get; init; }

    [BsonElement("at")]
    public required DateTime CreatedAt { get; init; }

    /// <summary>Set by a claim made in bulk only: a fresh id for that one claim, so a read-back can tell which claims of a refused bulk are its own.</summary>
    [BsonElement("w")]
    [BsonIgnoreIfNull]
    public ObjectId? ClaimId { get; init; }
}
