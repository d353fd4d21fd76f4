namespace ProcessorGateway.Core.Values;

public sealed record DoubleValue(double Value) : FieldValue
{
    public override FieldType Type => FieldType.Double;
}
