namespace ProcessorGateway.Core.Schemas;

public sealed record CollectionSchema(
    string TenantId,
    string Collection,
    int Version,
    IReadOnlyList<FieldDefinition> Fields,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whose data the collection holds; a later version may change it (erasure reads the current one at receipt).</summary>
    public DataClass DataClass { get; init; }

    public FieldDefinition? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
