using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>One per disclosure: <c>_id</c> is the disclosure id. Organisations, ids and names only, never a personal value.</summary>
[BsonIgnoreExtraElements]
internal sealed class DisclosureDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("recipient")]
    public required string Recipient { get; init; }

    [BsonElement("kind")]
    public required string RecipientKind { get; init; }

    [BsonElement("basis")]
    public required string LegalBasis { get; init; }

    [BsonElement("cid")]
    [BsonIgnoreIfNull]
    public string? ConsentId { get; init; }

    [BsonElement("ref")]
    [BsonIgnoreIfNull]
    public string? Reference { get; init; }

    [BsonElement("purpose")]
    public required string Purpose { get; init; }

    [BsonElement("subjects")]
    public required List<string> SubjectIds { get; init; }

    [BsonElement("collections")]
    public required List<string> Collections { get; init; }

    [BsonElement("fields")]
    public required List<string> Fields { get; init; }

    [BsonElement("da")]
    public required DateTime DisclosedAt { get; init; }

    [BsonElement("ra")]
    public required DateTime RecordedAt { get; init; }

    [BsonElement("by")]
    public required string RecordedBy { get; init; }
}
