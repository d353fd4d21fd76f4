using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Schemas;

[BsonIgnoreExtraElements]
internal sealed class FieldDefinitionDocument
{
    [BsonElement("name")]
    public required string Name { get; init; }

    [BsonElement("type")]
    public required int Type { get; init; }

    [BsonElement("class")]
    public required int Class { get; init; }

    [BsonElement("category")]
    public required string DataCategory { get; init; }

    [BsonElement("purposes")]
    public required List<string> Purposes { get; init; }

    [BsonElement("retentionDays")]
    public required int RetentionDays { get; init; }

    [BsonElement("required")]
    public required bool Required { get; init; }

    /// <summary>Absent in documents written before analytics purposes were restricted: <c>false</c>, as then.</summary>
    [BsonElement("analyticsAllowed")]
    [BsonIgnoreIfDefault]
    public bool AnalyticsAllowed { get; init; }

    /// <summary>Absent (every field stored before writes had purposes of their own, and any with none): its readers write it.</summary>
    [BsonElement("writePurposes")]
    [BsonIgnoreIfNull]
    public List<string>? WritePurposes { get; init; }

    /// <summary>Absent (every field stored before length hiding was set per field, and any left to its class): 0, the class decides.</summary>
    [BsonElement("lengthHiding")]
    [BsonIgnoreIfDefault]
    public int LengthHiding { get; init; }

    /// <summary>Absent (every field stored before name search, and any without it): <c>false</c>.</summary>
    [BsonElement("nameSearch")]
    [BsonIgnoreIfDefault]
    public bool NameSearch { get; init; }
}
