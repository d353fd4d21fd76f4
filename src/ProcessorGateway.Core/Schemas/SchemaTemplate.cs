namespace ProcessorGateway.Core.Schemas;

public sealed record SchemaTemplate(string Collection, IReadOnlyList<FieldDefinition> Fields, DataClass DataClass);
