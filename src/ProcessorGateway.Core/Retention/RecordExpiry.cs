using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Retention;

/// <summary>
/// When a record's values, and the record itself, fall due under a schema: worked out from the schema each time,
/// never stored, so a new schema version moves every due date at once. A record an erasure kept
/// (<see cref="StoredRecord.Retention"/>) follows the hold or rule that keeps it and has no due date here.
/// </summary>
public static class RecordExpiry
{
    /// <returns>What the periods are counted from; <c>null</c> when the schema counts from a date field the record holds no value in.</returns>
    public static DateTimeOffset? StartOf(CollectionRetention retention, StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(record);
        return retention.Start switch
        {
            RetentionStart.RecordUpdated => record.UpdatedAt,
            RetentionStart.DateField => record.Plain.GetValueOrDefault(retention.DateField ?? "") is TimestampValue date ? date.Value : null,
            _ => record.CreatedAt,
        };
    }

    /// <summary>Each field of the record that has a value and a retention in <paramref name="schema"/>, with the time it falls due.</summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> Fields(CollectionSchema schema, StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (record.Retention is not null || StartOf(schema.Retention, record) is not { } start)
        {
            return due;
        }

        foreach (var field in schema.Fields.Where(f => f.RetentionDays > 0))
        {
            if (record.Plain.ContainsKey(field.Name) || record.Encrypted.ContainsKey(field.Name))
            {
                due[field.Name] = start.AddDays(field.RetentionDays);
            }
        }

        return due;
    }

    /// <returns>When the collection's own retention deletes the record; <c>null</c> when it has none or nothing to count from.</returns>
    public static DateTimeOffset? Record(CollectionSchema schema, StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(record);
        return schema.Retention.Days > 0 && record.Retention is null && StartOf(schema.Retention, record) is { } start
            ? start.AddDays(schema.Retention.Days)
            : null;
    }

    /// <summary>Whether any retention of the schema (the collection's or a field's) could ever fall due.</summary>
    public static bool Applies(CollectionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Retention.Days > 0 || schema.Fields.Any(f => f.RetentionDays > 0);
    }

    /// <summary>Whether an active legal hold or a retention rule keeps the record now, which suspends its retention as it does its erasure.</summary>
    public static bool IsSuspended(StoredRecord record, IReadOnlyList<LegalHold> holds, IReadOnlyList<RetentionRule> rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var timestamps = record.Plain.Where(p => p.Value is TimestampValue)
            .ToDictionary(p => p.Key, p => ((TimestampValue)p.Value).Value, StringComparer.Ordinal);
        return ErasureBlocks.Keeps(new SubjectRecord(record.Collection, record.RecordId, record.CreatedAt, timestamps), record.SubjectId, holds, rules, now);
    }
}
