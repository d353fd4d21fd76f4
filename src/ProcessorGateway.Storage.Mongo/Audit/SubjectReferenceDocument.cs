using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// A subject named in an audit event (<see cref="Core.Audit.SubjectReference"/>): the subject key's random id and
/// version, the lookup token and the sealed id. Nothing here reads as the subject without the subject's key.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class SubjectReferenceDocument
{
    [BsonElement("key")]
    public required string KeyId { get; init; }

    [BsonElement("v")]
    public required int KeyVersion { get; init; }

    [BsonElement("k")]
    public required byte[] Token { get; init; }

    [BsonElement("c")]
    public required byte[] Sealed { get; init; }
}
