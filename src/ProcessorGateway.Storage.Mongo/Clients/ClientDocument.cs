using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Clients;

/// <summary>
/// An OAuth client; <c>_id</c> is the client id. Holds a hash of the secret, never the secret, or (empty hash) the
/// public key it signs client assertions with.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class ClientDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    [BsonIgnoreIfNull]
    public string? TenantId { get; init; }

    [BsonElement("name")]
    public required string DisplayName { get; init; }

    [BsonElement("scopes")]
    public required List<string> Scopes { get; init; }

    [BsonElement("purposes")]
    public required List<string> Purposes { get; init; }

    [BsonElement("secretHash")]
    public required byte[] SecretHash { get; init; }

    [BsonElement("revoked")]
    public required bool Revoked { get; init; }

    [BsonElement("createdAt")]
    public required DateTime CreatedAt { get; init; }

    [BsonElement("secretRotatedAt")]
    public required DateTime SecretRotatedAt { get; init; }

    [BsonElement("publicKey")]
    [BsonIgnoreIfNull]
    public string? PublicKeyPem { get; init; }
}
