using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>A tenant's own audit retention (<see cref="Core.Audit.AuditRetentionSetting"/>), in the audit database.</summary>
[BsonIgnoreExtraElements]
internal sealed class AuditRetentionDocument
{
    /// <summary>The tenant id.</summary>
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("days")]
    public required int Days { get; init; }

    [BsonElement("at")]
    public required DateTime UpdatedAt { get; init; }

    [BsonElement("by")]
    public required string UpdatedBy { get; init; }
}
