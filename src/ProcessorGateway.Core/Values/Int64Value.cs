namespace ProcessorGateway.Core.Values;

public sealed record Int64Value(long Value) : FieldValue
{
    public override FieldType Type => FieldType.Int64;
}
