using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Cli;

/// <summary>A value as text, in the same notation <see cref="FieldValueParser"/> reads, so output can be typed back in.</summary>
internal static class ValueText
{
    public static string Format(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.KindCase switch
        {
            Value.KindOneofCase.StringValue => value.StringValue,
            Value.KindOneofCase.Int64Value => value.Int64Value.ToString(CultureInfo.InvariantCulture),
            Value.KindOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
            Value.KindOneofCase.BoolValue => value.BoolValue ? "true" : "false",
            Value.KindOneofCase.TimestampValue => Instant(value.TimestampValue),
            Value.KindOneofCase.BytesValue => value.BytesValue.ToBase64(),
            Value.KindOneofCase.StringListValue => string.Join(",", value.StringListValue.Values),
            Value.KindOneofCase.Masked => $"<masked: {value.Masked.Reason}>",
            _ => "<empty>",
        };
    }

    public static string Instant(Timestamp? timestamp) =>
        timestamp is null ? "-" : timestamp.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
