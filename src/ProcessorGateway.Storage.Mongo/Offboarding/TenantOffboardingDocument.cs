using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Offboarding;

/// <summary>
/// One offboarding request. <c>p</c> (pending key, the tenant id) is set only while the request is pending and within its
/// window; a unique index on it keeps one pending request per tenant, whichever replica asks.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class TenantOffboardingDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("p")]
    [BsonIgnoreIfNull]
    public string? PendingKey { get; init; }

    [BsonElement("r")]
    public required string Reason { get; init; }

    [BsonElement("st")]
    public required int State { get; init; }

    [BsonElement("by")]
    public required string RequestedBy { get; init; }

    [BsonElement("ra")]
    public required DateTime RequestedAt { get; init; }

    [BsonElement("xa")]
    public required DateTime ExpiresAt { get; init; }

    [BsonElement("aby")]
    [BsonIgnoreIfNull]
    public string? ApprovedBy { get; init; }

    [BsonElement("aa")]
    [BsonIgnoreIfNull]
    public DateTime? ApprovedAt { get; init; }

    [BsonElement("cby")]
    [BsonIgnoreIfNull]
    public string? CancelledBy { get; init; }

    [BsonElement("ca")]
    [BsonIgnoreIfNull]
    public DateTime? CancelledAt { get; init; }

    [BsonElement("v")]
    public required long Version { get; init; }
}
