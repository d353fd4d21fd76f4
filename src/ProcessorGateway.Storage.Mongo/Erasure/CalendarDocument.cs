using MongoDB.Bson.Serialization.Attributes;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>A tenant's erasure calendar: <c>_id</c> is the tenant.</summary>
[BsonIgnoreExtraElements]
internal sealed class CalendarDocument
{
    [BsonId]
    public required string TenantId { get; init; }

    [BsonElement("wd")]
    public required List<int> WeekendDays { get; init; }

    [BsonElement("hd")]
    public required List<string> Holidays { get; init; }

    [BsonElement("ip")]
    public required int InstitutionPeriod { get; init; }

    /// <summary>Absent on calendars stored before verification had a deadline: the default applies.</summary>
    [BsonElement("vp")]
    [BsonIgnoreIfDefault]
    public int VerificationPeriod { get; init; }

    /// <summary>IANA id; absent: UTC.</summary>
    [BsonElement("tz")]
    [BsonIgnoreIfNull]
    public string? TimeZone { get; init; }

    /// <summary>Absent on calendars stored before the age of majority was a setting: the default applies.</summary>
    [BsonElement("aom")]
    [BsonIgnoreIfDefault]
    public int AgeOfMajority { get; init; }
}
