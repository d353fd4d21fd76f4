using Google.Protobuf;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Server.Records;

internal static class ValueMapper
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>An empty value or a masked marker becomes <c>null</c>, which validation then names.</summary>
    public static FieldValue? FromProto(Value? value, string at) => value?.KindCase switch
    {
        Value.KindOneofCase.StringValue => new StringValue(value.StringValue),
        Value.KindOneofCase.Int64Value => new Int64Value(value.Int64Value),
        Value.KindOneofCase.DoubleValue => new DoubleValue(value.DoubleValue),
        Value.KindOneofCase.BoolValue => new BoolValue(value.BoolValue),
        Value.KindOneofCase.TimestampValue => new TimestampValue(ToDateTimeOffset(value.TimestampValue, at)),
        Value.KindOneofCase.BytesValue => new BytesValue(value.BytesValue.ToByteArray()),
        Value.KindOneofCase.StringListValue => new StringListValue(value.StringListValue.Values.ToArray()),
        _ => null,
    };

    public static Value ToProto(FieldValue value) => value switch
    {
        StringValue s => new Value { StringValue = s.Value },
        Int64Value i => new Value { Int64Value = i.Value },
        DoubleValue d => new Value { DoubleValue = d.Value },
        BoolValue b => new Value { BoolValue = b.Value },
        TimestampValue t => new Value { TimestampValue = Timestamp.FromDateTimeOffset(t.Value) },
        BytesValue b => new Value { BytesValue = ByteString.CopyFrom(b.Value) },
        StringListValue l => new Value { StringListValue = new StringList { Values = { l.Values } } },
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Value Masked(string reason) => new() { Masked = new Masked { Reason = reason } };

    public static Dictionary<string, FieldValue?> FromProto(IDictionary<string, Value> fields) =>
        fields.ToDictionary(f => f.Key, f => FromProto(f.Value, FieldPath.Of(f.Key)), StringComparer.Ordinal);

    private static DateTimeOffset ToDateTimeOffset(Timestamp timestamp, string at) =>
        timestamp.Seconds >= MinSeconds && timestamp.Seconds <= MaxSeconds && timestamp.Nanos is >= 0 and < 1_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds).AddTicks(timestamp.Nanos / 100)
            : throw DomainErrors.Invalid(at, "is not a valid timestamp (years 0001-9999, nanos 0-999999999)");
}
