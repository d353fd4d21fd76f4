using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

/// <summary>Records as the storage port sees them, with times at the millisecond MongoDB keeps.</summary>
internal static class StoredRecords
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 9, 1, 8, 30, 15, 123, TimeSpan.Zero);

    public static StoredRecord Make(
        string tenantId, string recordId, long version = 1, string collection = "students", string? subjectId = null,
        IReadOnlyDictionary<string, FieldValue>? plain = null, IReadOnlyList<byte[]>? blindIndexes = null) => new(
        tenantId,
        collection,
        recordId,
        subjectId ?? $"subj-{recordId}",
        version,
        SchemaVersion: 1,
        plain ?? new Dictionary<string, FieldValue> { ["grade_level"] = new StringValue("7") },
        new Dictionary<string, byte[]> { ["full_name"] = [1, 2, 3, (byte)version] },
        blindIndexes ?? [],
        SubjectKey: null,
        LastIdempotencyKey: null,
        CreatedAt,
        CreatedAt.AddMinutes(version));
}
