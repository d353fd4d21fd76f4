using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>One per consent: <c>_id</c> is <c>tenant/subject/consent</c>. The grantor only as ciphertext under the subject key.</summary>
[BsonIgnoreExtraElements]
internal sealed class ConsentDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("s")]
    public required string SubjectId { get; init; }

    [BsonElement("cid")]
    public required string ConsentId { get; init; }

    [BsonElement("purposes")]
    public required List<string> Purposes { get; init; }

    [BsonElement("ga")]
    public required DateTime GrantedAt { get; init; }

    [BsonElement("ea")]
    [BsonIgnoreIfNull]
    public DateTime? ExpiresAt { get; init; }

    [BsonElement("wa")]
    [BsonIgnoreIfNull]
    public DateTime? WithdrawnAt { get; init; }

    [BsonElement("sk")]
    [BsonIgnoreIfNull]
    public string? SubjectKeyId { get; init; }

    [BsonElement("skv")]
    [BsonIgnoreIfNull]
    public int? SubjectKeyVersion { get; init; }

    /// <summary>Ciphertext of the grantor's name.</summary>
    [BsonElement("gn")]
    [BsonIgnoreIfNull]
    public byte[]? GrantorName { get; init; }

    /// <summary>Ciphertext of the grantor's relationship to the subject.</summary>
    [BsonElement("gr")]
    [BsonIgnoreIfNull]
    public byte[]? GrantorRelationship { get; init; }
}
