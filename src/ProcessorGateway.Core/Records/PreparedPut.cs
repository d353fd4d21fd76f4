using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>A put whose target is resolved and whose values are checked, ready to seal and write.</summary>
internal sealed record PreparedPut(PutCommand Command, WriteTarget Target, string? SubjectId, IReadOnlyDictionary<string, FieldValue> Values);
