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

    /// <summary>
    /// The field that makes the record's subject a minor (a bool, or a date of birth read against the age of
    /// majority); <c>null</c> when only the subject profile says so.
    /// </summary>
    public string? MinorField { get; init; }

    /// <summary>The collection's own retention and what its periods are counted from (docs/retention.md).</summary>
    public CollectionRetention Retention { get; init; } = CollectionRetention.None;

    public FieldDefinition? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
