namespace ProcessorGateway.Core.Retention;

/// <summary>What a retention pass did to one record: deleted it whole, or erased the values of <see cref="Fields"/>. Names only, never values.</summary>
public sealed record ExpiredRecord(string Collection, string RecordId, string? SubjectId, IReadOnlyList<string> Fields, bool Deleted);
