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
