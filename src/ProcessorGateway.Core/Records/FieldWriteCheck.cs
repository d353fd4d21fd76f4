using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// Purposes on writes: a call writes, corrects or deletes only the fields its purpose may write
/// (<see cref="FieldDefinition.IsWritableFor"/>). Every write path asks here before it writes anything, and a refusal
/// names the field and the purpose, never a value. A stored field the current schema no longer defines has no
/// purposes left to ask: a write drops it, as it always has.
/// </summary>
internal static class FieldWriteCheck
{
    /// <summary>The fields a put's new value or a correction's mask writes (setting and clearing alike).</summary>
    public static void RequireWritable(CollectionSchema schema, string purpose, IEnumerable<string> fields) =>
        Require(schema, purpose, fields, FieldPath.Of);

    /// <summary>
    /// Whether a replace with <paramref name="values"/> could drop a field the purpose may not write, so the stored
    /// record must be read to know; for most purposes every field is writable, and the replace reads nothing first.
    /// </summary>
    public static bool ReplaceMayDropProtected(CollectionSchema schema, string purpose, IReadOnlyDictionary<string, FieldValue> values) =>
        schema.Fields.Any(f => !values.ContainsKey(f.Name) && !f.IsWritableFor(purpose));

    /// <summary>A replace drops every field the stored record holds and the new value leaves out.</summary>
    public static void RequireMayDrop(CollectionSchema schema, string purpose, StoredRecord stored, IReadOnlyDictionary<string, FieldValue> values) =>
        Require(schema, purpose, Held(stored).Where(name => !values.ContainsKey(name)), FieldPath.Of);

    /// <summary>Deleting a record deletes every field it holds.</summary>
    public static void RequireMayDelete(CollectionSchema schema, string purpose, StoredRecord stored) =>
        Require(schema, purpose, Held(stored), _ => "purpose");

    /// <summary>
    /// A single put's replace may not drop a stored field its purpose may not write. The record is read only when that
    /// could happen. One found at another version fails the version-guarded replace anyway, so the check judges the
    /// record at the version the put replaces, which no other write can change under it. (A batch reads its rows' records
    /// at once: <see cref="BatchPutWriter"/>.)
    /// </summary>
    public static async Task RequireMayReplaceAsync(IRecordRepository records, PreparedPut put, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(put);
        var (command, target) = (put.Command, put.Target);
        if (command.ExpectedVersion == 0 || !ReplaceMayDropProtected(target.Schema, command.Purpose!, put.Values))
        {
            return;
        }

        var stored = await records.FindAsync(target.Tenant.TenantId, target.Schema.Collection, target.RecordId, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.Version == command.ExpectedVersion)
        {
            RequireMayDrop(target.Schema, command.Purpose!, stored, put.Values);
        }
    }

    /// <summary>
    /// When the purpose may write every field of the schema, nothing is read first. Otherwise the record is read and
    /// judged, and the delete is guarded by the version judged, so a write that lands in between is not deleted unjudged.
    /// </summary>
    /// <returns>The version to delete: the judged one, or <paramref name="expectedVersion"/> (0: any) when nothing needed judging.</returns>
    public static async Task<long> JudgeDeleteAsync(
        IRecordRepository records, WriteTarget target, string purpose, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Schema.Fields.All(f => f.IsWritableFor(purpose)))
        {
            return expectedVersion;
        }

        var stored = await records.FindAsync(target.Tenant.TenantId, target.Schema.Collection, target.RecordId, cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.RecordNotFound(target.Schema.Collection, target.RecordId);
        RecordService.RequireNotKept(stored);
        if (expectedVersion != 0 && stored.Version != expectedVersion)
        {
            throw DomainErrors.VersionMismatch(target.RecordId, expectedVersion, stored.Version);
        }

        RequireMayDelete(target.Schema, purpose, stored);
        return stored.Version;
    }

    private static void Require(CollectionSchema schema, string purpose, IEnumerable<string> fields, Func<string, string> at)
    {
        foreach (var name in fields)
        {
            if (schema.Field(name) is { } definition && !definition.IsWritableFor(purpose))
            {
                throw DomainErrors.PurposeMayNotWrite(at(name), purpose, name, schema.Collection);
            }
        }
    }

    /// <summary>The names of the fields a stored record holds, in a stable order so a refusal names the same field every time.</summary>
    private static IEnumerable<string> Held(StoredRecord stored) =>
        stored.Plain.Keys.Concat(stored.Encrypted.Keys).Order(StringComparer.Ordinal);
}
