using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Schemas;

public sealed record FieldDefinition(
    string Name,
    FieldType Type,
    FieldClass Class,
    string DataCategory,
    IReadOnlyList<string> Purposes,
    int RetentionDays,
    bool Required)
{
    /// <summary>Whether a caller acting for <paramref name="purpose"/> may read the value.</summary>
    public bool IsReadableFor(string purpose) =>
        Purposes.Contains(purpose, StringComparer.Ordinal) || (Class == FieldClass.Plain && Purposes.Count == 0);

    public bool Equals(FieldDefinition? other) =>
        other is not null && Name == other.Name && Type == other.Type && Class == other.Class && DataCategory == other.DataCategory
        && Purposes.SequenceEqual(other.Purposes, StringComparer.Ordinal) && RetentionDays == other.RetentionDays && Required == other.Required;

    public override int GetHashCode() => HashCode.Combine(Name, Type, Class, DataCategory, RetentionDays, Required);
}
