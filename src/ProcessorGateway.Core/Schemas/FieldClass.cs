namespace ProcessorGateway.Core.Schemas;

/// <summary>How a field is protected at rest. Stored: never renumber.</summary>
public enum FieldClass
{
    Plain = 1,
    Personal = 2,
    PersonalSearchable = 3,
    Sensitive = 4,
}
