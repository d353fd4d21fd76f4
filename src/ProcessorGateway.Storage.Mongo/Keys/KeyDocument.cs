using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Keys;

/// <summary>A wrapped key in the vault; <c>_id</c> is the key id. The bytes are wrapped by the root key ring.</summary>
[BsonIgnoreExtraElements]
internal sealed class KeyDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("kind")]
    public required int Kind { get; init; }

    [BsonElement("v")]
    public required int Version { get; init; }

    [BsonElement("w")]
    public required byte[] Wrapped { get; init; }

    /// <summary>For subject keys: the data subject, unique per tenant.</summary>
    [BsonElement("s")]
    [BsonIgnoreIfNull]
    public string? SubjectId { get; init; }

    /// <summary>For subject keys: the tenant data key that wraps this one.</summary>
    [BsonElement("wrappedBy")]
    [BsonIgnoreIfNull]
    public string? WrappedById { get; init; }

    [BsonElement("wrappedByVersion")]
    [BsonIgnoreIfNull]
    public int? WrappedByVersion { get; init; }

    [BsonElement("createdAt")]
    public required DateTime CreatedAt { get; init; }
}
