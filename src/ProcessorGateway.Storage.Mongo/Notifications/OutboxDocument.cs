using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Notifications;

/// <summary>One outbox message. <c>lo</c>/<c>lu</c>: the delivering replica's lease. <c>rid</c>: the erasure request it is about.</summary>
[BsonIgnoreExtraElements]
internal sealed class OutboxDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("ch")]
    public required int Channel { get; init; }

    [BsonElement("et")]
    public required string EventType { get; init; }

    [BsonElement("sub")]
    public required string Subject { get; init; }

    [BsonElement("body")]
    public required string Body { get; init; }

    [BsonElement("ca")]
    public required DateTime CreatedAt { get; init; }

    [BsonElement("rid")]
    [BsonIgnoreIfNull]
    public string? RequestId { get; init; }

    [BsonElement("att")]
    public int Attempts { get; init; }

    [BsonElement("na")]
    public required DateTime NextAttemptAt { get; init; }

    [BsonElement("da")]
    [BsonIgnoreIfNull]
    public DateTime? DeliveredAt { get; init; }

    [BsonElement("ga")]
    [BsonIgnoreIfNull]
    public DateTime? GaveUpAt { get; init; }

    [BsonElement("err")]
    [BsonIgnoreIfNull]
    public string? LastError { get; init; }

    [BsonElement("adx")]
    [BsonIgnoreIfNull]
    public DateTime? AddressDestroyedAt { get; init; }

    [BsonElement("lo")]
    [BsonIgnoreIfNull]
    public string? LeaseOwner { get; init; }

    [BsonElement("lu")]
    [BsonIgnoreIfNull]
    public DateTime? LeaseUntil { get; init; }
}
