using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>One per subject, channel and category: <c>_id</c> is <c>tenant/subject/channel/category</c>.</summary>
[BsonIgnoreExtraElements]
internal sealed class CommunicationPreferenceDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("s")]
    public required string SubjectId { get; init; }

    [BsonElement("ch")]
    public required string Channel { get; init; }

    [BsonElement("cat")]
    public required string Category { get; init; }

    [BsonElement("allowed")]
    public required bool Allowed { get; init; }

    [BsonElement("ua")]
    public required DateTime UpdatedAt { get; init; }
}
