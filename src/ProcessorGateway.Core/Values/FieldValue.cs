namespace ProcessorGateway.Core.Values;

/// <summary>A typed field value. Its <see cref="object.ToString"/> never shows the value, so one cannot leak into a log.</summary>
public abstract record FieldValue
{
    private protected FieldValue()
    {
    }

    public abstract FieldType Type { get; }

    public sealed override string ToString() => $"{Type} value";
}
