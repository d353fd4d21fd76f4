namespace ProcessorGateway.Core.Values;

public sealed record StringListValue(IReadOnlyList<string> Values) : FieldValue
{
    public override FieldType Type => FieldType.StringList;

    public bool Equals(StringListValue? other) => other is not null && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
