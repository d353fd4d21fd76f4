namespace ProcessorGateway.Core.Values;

public sealed record BytesValue(byte[] Value) : FieldValue
{
    public override FieldType Type => FieldType.Bytes;

    public bool Equals(BytesValue? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }
}
