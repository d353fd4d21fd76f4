namespace ProcessorGateway.Core.Values;

public sealed record BoolValue(bool Value) : FieldValue
{
    public override FieldType Type => FieldType.Bool;
}
