namespace ProcessorGateway.Core.Values;

/// <summary>A point in time, kept to the millisecond (the precision MongoDB stores), always in UTC.</summary>
public sealed record TimestampValue : FieldValue
{
    public TimestampValue(DateTimeOffset value)
    {
        Value = DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
    }

    public DateTimeOffset Value { get; }

    public override FieldType Type => FieldType.Timestamp;
}
