namespace ProcessorGateway.Core.Schemas;

public sealed record SchemaTemplate(string Collection, IReadOnlyList<FieldDefinition> Fields, DataClass DataClass)
{
    /// <summary>See <see cref="CollectionSchema.MinorField"/>.</summary>
    public string? MinorField { get; init; }

    /// <summary>See <see cref="CollectionSchema.Retention"/>.</summary>
    public CollectionRetention Retention { get; init; } = CollectionRetention.None;
}
