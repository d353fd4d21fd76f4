using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Records;

/// <summary>
/// One record, one document: <c>_id</c> is <c>tenant/collection/record</c>. Plain values under
/// <c>p</c>, ciphertexts under <c>e</c>, blind-index tokens in <c>bi</c>, name-prefix tokens in <c>nt</c>. Short element names
/// because they repeat in every document.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class RecordDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("c")]
    public required string Collection { get; init; }

    [BsonElement("r")]
    public required string RecordId { get; init; }

    [BsonElement("s")]
    [BsonIgnoreIfNull]
    public string? SubjectId { get; init; }

    [BsonElement("v")]
    public required long Version { get; init; }

    [BsonElement("sv")]
    public required int SchemaVersion { get; init; }

    [BsonElement("p")]
    public required BsonDocument Plain { get; init; }

    [BsonElement("e")]
    public required BsonDocument Encrypted { get; init; }

    [BsonElement("bi")]
    public required List<byte[]> BlindIndexes { get; init; }

    /// <summary>
    /// The name-prefix tokens of every name-search field of the record (each token binds its field), absent when there
    /// are none, so the partial index on it holds only records that can match a name query.
    /// </summary>
    [BsonElement("nt")]
    [BsonIgnoreIfNull]
    public List<byte[]>? NameTokens { get; init; }

    /// <summary>The subject key the record's personal fields are encrypted under: id and version.</summary>
    [BsonElement("sk")]
    [BsonIgnoreIfNull]
    public string? SubjectKeyId { get; init; }

    [BsonElement("skv")]
    [BsonIgnoreIfNull]
    public int? SubjectKeyVersion { get; init; }

    /// <summary>For a record without a subject: the tenant data key its personal fields are under.</summary>
    [BsonElement("dk")]
    [BsonIgnoreIfNull]
    public string? DataKeyId { get; init; }

    [BsonElement("dkv")]
    [BsonIgnoreIfNull]
    public int? DataKeyVersion { get; init; }

    /// <summary>
    /// For a record kept after its subject's erasure: the retained key its personal fields are under (no
    /// subject key then), and why it is kept. The purge of the subject's records leaves it alone.
    /// </summary>
    [BsonElement("rk")]
    [BsonIgnoreIfNull]
    public string? RetainedKeyId { get; init; }

    [BsonElement("rkv")]
    [BsonIgnoreIfNull]
    public int? RetainedKeyVersion { get; init; }

    [BsonElement("kept")]
    [BsonIgnoreIfNull]
    public RetentionDocument? Kept { get; init; }

    /// <summary>
    /// Set by a bulk write only: a fresh id for that one write, so that when a bulk reply cannot say which of its
    /// writes landed, reading the records back can (a write that did not land, or was replaced since, left no stamp of its own).
    /// </summary>
    [BsonElement("w")]
    [BsonIgnoreIfNull]
    public ObjectId? WriteId { get; init; }

    [BsonElement("ik")]
    [BsonIgnoreIfNull]
    public string? LastIdempotencyKey { get; init; }

    [BsonElement("ca")]
    public required DateTime CreatedAt { get; init; }

    [BsonElement("ua")]
    public required DateTime UpdatedAt { get; init; }
}
