using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Notifications;

/// <summary>A tenant's notification channels: <c>_id</c> is the tenant; the webhook secret only wrapped.</summary>
[BsonIgnoreExtraElements]
internal sealed class ChannelsDocument
{
    [BsonId]
    public required string TenantId { get; init; }

    [BsonElement("url")]
    [BsonIgnoreIfNull]
    public string? WebhookUrl { get; init; }

    [BsonElement("em")]
    public required List<string> EmailRecipients { get; init; }

    [BsonElement("ws")]
    [BsonIgnoreIfNull]
    public byte[]? WrappedWebhookSecret { get; init; }
}
