namespace ProcessorGateway.Core.Schemas;

public sealed record CollectionSchema(
    string TenantId,
    string Collection,
    int Version,
    IReadOnlyList<FieldDefinition> Fields,
    DateTimeOffset CreatedAt)
{
    public FieldDefinition? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
