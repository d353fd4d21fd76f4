using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>One per subject: <c>_id</c> is <c>tenant/subject</c>.</summary>
[BsonIgnoreExtraElements]
internal sealed class SubjectProfileDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("s")]
    public required string SubjectId { get; init; }

    [BsonElement("minor")]
    public required bool Minor { get; init; }

    [BsonElement("ua")]
    public required DateTime UpdatedAt { get; init; }
}
