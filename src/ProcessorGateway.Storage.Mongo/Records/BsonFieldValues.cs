using MongoDB.Bson;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Storage.Mongo.Records;

/// <summary>Plain field values in their natural BSON types, so equality queries work on them as stored.</summary>
internal static class BsonFieldValues
{
    public static BsonValue ToBson(FieldValue value) => value switch
    {
        StringValue s => new BsonString(s.Value),
        Int64Value i => new BsonInt64(i.Value),
        DoubleValue d => new BsonDouble(d.Value),
        BoolValue b => b.Value ? BsonBoolean.True : BsonBoolean.False,
        TimestampValue t => new BsonDateTime(t.Value.UtcDateTime),
        BytesValue b => new BsonBinaryData(b.Value),
        StringListValue l => new BsonArray(l.Values.Select(v => new BsonString(v))),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static FieldValue FromBson(BsonValue value) => value.BsonType switch
    {
        BsonType.String => new StringValue(value.AsString),
        BsonType.Int64 => new Int64Value(value.AsInt64),
        BsonType.Int32 => new Int64Value(value.AsInt32),
        BsonType.Double => new DoubleValue(value.AsDouble),
        BsonType.Boolean => new BoolValue(value.AsBoolean),
        BsonType.DateTime => new TimestampValue(DateTimeOffset.FromUnixTimeMilliseconds(value.AsBsonDateTime.MillisecondsSinceEpoch)),
        BsonType.Binary => new BytesValue(value.AsBsonBinaryData.Bytes),
        BsonType.Array => new StringListValue(value.AsBsonArray.Select(v => v.AsString).ToArray()),
        _ => throw new FormatException($"a stored plain value has unexpected BSON type {value.BsonType}"),
    };
}
