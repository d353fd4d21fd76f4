using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Schemas;

/// <summary>One version of a collection schema; <c>_id</c> is <c>tenant/collection/version</c>, so a version is written once.</summary>
[BsonIgnoreExtraElements]
internal sealed class SchemaDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("t")]
    public required string TenantId { get; init; }

    [BsonElement("c")]
    public required string Collection { get; init; }

    [BsonElement("v")]
    public required int Version { get; init; }

    [BsonElement("fields")]
    public required List<FieldDefinitionDocument> Fields { get; init; }

    /// <summary>A schema stored before data classes existed has none: unclassified.</summary>
    [BsonElement("dc")]
    [BsonIgnoreIfDefault]
    public int DataClass { get; init; }

    /// <summary>A schema stored before minor fields existed has none: only the subject profile says who is a minor.</summary>
    [BsonElement("minor")]
    [BsonIgnoreIfNull]
    public string? MinorField { get; init; }

    /// <summary>A schema stored before collection retention existed has none (0 days, counted from creation).</summary>
    [BsonElement("rd")]
    [BsonIgnoreIfDefault]
    public int RetentionDays { get; init; }

    [BsonElement("rs")]
    [BsonIgnoreIfDefault]
    public int RetentionStart { get; init; }

    [BsonElement("rdf")]
    [BsonIgnoreIfNull]
    public string? RetentionDateField { get; init; }

    [BsonElement("createdAt")]
    public required DateTime CreatedAt { get; init; }
}
