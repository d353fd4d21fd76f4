using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>A record as one caller, acting for one purpose, may see it.</summary>
/// <param name="Masked">Fields withheld from this purpose, with the reason.</param>
public sealed record RecordView(
    string TenantId,
    string Collection,
    string RecordId,
    string? SubjectId,
    long Version,
    int SchemaVersion,
    IReadOnlyDictionary<string, FieldValue> Fields,
    IReadOnlyDictionary<string, string> Masked,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>For each masked field, a stable reason code from <see cref="MaskReasons"/>, for the audit log.</summary>
    public IReadOnlyDictionary<string, string> MaskCodes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Set when the subject was erased but this record is kept (legal hold, retention rule), and why.</summary>
    public RecordRetention? Retention { get; init; }

    /// <summary>When the retention job erases each field that has a retention and a value (docs/retention.md); empty while a hold or rule keeps the record.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FieldExpiresAt { get; init; } = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>When the collection's own retention deletes the record; <c>null</c> without one, or while a hold or rule keeps the record.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
