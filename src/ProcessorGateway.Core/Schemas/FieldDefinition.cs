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

    /// <summary>Lets the analytics purposes listed in <see cref="Purposes"/> read this non-plain field (docs/purposes.md).</summary>
    public bool AnalyticsAllowed { get; init; }

    /// <summary>The field's own length-hiding setting; <see cref="LengthHiding.Default"/> lets the class decide (<see cref="PadsLength"/>).</summary>
    public LengthHiding LengthHiding { get; init; }

    /// <summary>
    /// Whether the value is padded to a length bucket before encryption, so its stored length shows only the bucket
    /// (docs/security.md#length-hiding): every encrypted field unless it turns hiding off. A change applies to new
    /// writes only; a stored ciphertext says by its format byte whether it is padded, so both read.
    /// </summary>
    public bool PadsLength => Class.IsEncrypted() && LengthHiding != LengthHiding.Off;

    /// <summary>
    /// Whether the field is searchable by word prefixes (docs/search.md): its values also carry name-prefix tokens.
    /// Only a <see cref="FieldClass.PersonalSearchable"/> string field may.
    /// </summary>
    public bool NameSearch { get; init; }

    /// <summary>Whether a purpose of category analytics may read the value: a plain field, or one that allows it.</summary>
    public bool IsReadableForAnalytics => Class == FieldClass.Plain || AnalyticsAllowed;

    /// <summary>
    /// The purposes that may write, correct or delete the field, when fewer than those that may read it (a subset of
    /// <see cref="Purposes"/>, or of any purpose for a plain field with none); empty: the readers.
    /// </summary>
    public IReadOnlyList<string> WritePurposes { get; init; } = [];

    /// <summary>Whether a caller acting for <paramref name="purpose"/> may write, correct or delete the value.</summary>
    public bool IsWritableFor(string purpose) =>
        WritePurposes.Count > 0 ? WritePurposes.Contains(purpose, StringComparer.Ordinal) : IsReadableFor(purpose);

    public bool Equals(FieldDefinition? other) =>
        other is not null && Name == other.Name && Type == other.Type && Class == other.Class && DataCategory == other.DataCategory
        && Purposes.SequenceEqual(other.Purposes, StringComparer.Ordinal) && RetentionDays == other.RetentionDays && Required == other.Required
        && AnalyticsAllowed == other.AnalyticsAllowed && LengthHiding == other.LengthHiding && NameSearch == other.NameSearch
        && WritePurposes.SequenceEqual(other.WritePurposes, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Class, DataCategory, RetentionDays, Required);
}
