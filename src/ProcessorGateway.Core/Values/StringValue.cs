namespace ProcessorGateway.Core.Values;

public sealed record StringValue(string Value) : FieldValue
{
    public override FieldType Type => FieldType.String;
}
