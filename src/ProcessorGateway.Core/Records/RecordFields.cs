using System.Globalization;
using System.Text;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>Checks field values against a schema and the size limits, naming the field at fault.</summary>
internal static class RecordFields
{
    public static Dictionary<string, FieldValue> Validate(CollectionSchema schema, IReadOnlyDictionary<string, FieldValue?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count > Limits.MaxFieldsPerRecord)
        {
            throw DomainErrors.Invalid("fields", string.Create(CultureInfo.InvariantCulture, $"a record has at most {Limits.MaxFieldsPerRecord} fields"));
        }

        var valid = new Dictionary<string, FieldValue>(fields.Count, StringComparer.Ordinal);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            valid[name] = CheckValue(schema, name, value, FieldPath.Of(name));
        }

        return valid;
    }

    public static FieldValue CheckValue(CollectionSchema schema, string? name, FieldValue? value, string at)
    {
        var definition = Definition(schema, name, at);
        if (value is null)
        {
            throw DomainErrors.Invalid(at, "has no value (a masked marker is only ever sent in replies)");
        }

        if (value.Type != definition.Type)
        {
            throw DomainErrors.Invalid(at, $"field '{definition.Name}' is {TypeName(definition.Type)}, not {TypeName(value.Type)}");
        }

        CheckSize(value, at);
        return value;
    }

    public static FieldDefinition Definition(CollectionSchema schema, string? name, string at)
    {
        if (!FieldPath.IsFieldName(name))
        {
            throw DomainErrors.Invalid(at, "names a field that is not a valid field name (a-z, 0-9 and '_', at most 64 characters)");
        }

        return schema.Field(name)
            ?? throw DomainErrors.Invalid(at, string.Create(CultureInfo.InvariantCulture,
                $"collection '{schema.Collection}' (schema version {schema.Version}) has no field '{name}'"));
    }

    public static void CheckRequired(CollectionSchema schema, IReadOnlyDictionary<string, FieldValue> values)
    {
        var missing = schema.Fields.FirstOrDefault(f => f.Required && !values.ContainsKey(f.Name));
        if (missing is not null)
        {
            throw DomainErrors.Invalid($"fields.{missing.Name}", "is required by the collection schema");
        }

        var total = values.Values.Sum(FieldValueCodec.GetEncodedLength);
        if (total > Limits.MaxRecordPayloadBytes)
        {
            throw DomainErrors.Invalid("fields", string.Create(CultureInfo.InvariantCulture, $"a record holds at most {Limits.MaxRecordPayloadBytes} bytes of values"));
        }
    }

    public static string TypeName(FieldType type) => type switch
    {
        FieldType.StringList => "string_list",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static void CheckSize(FieldValue value, string at)
    {
        switch (value)
        {
            case StringValue s when Encoding.UTF8.GetByteCount(s.Value) > Limits.MaxStringValueBytes:
                throw DomainErrors.Invalid(at, string.Create(CultureInfo.InvariantCulture, $"a string is at most {Limits.MaxStringValueBytes} bytes"));
            case StringValue s when s.Value.Contains('\0', StringComparison.Ordinal):
                throw DomainErrors.Invalid(at, "a string may not contain NUL");
            case BytesValue b when b.Value.Length > Limits.MaxBytesValueLength:
                throw DomainErrors.Invalid(at, string.Create(CultureInfo.InvariantCulture, $"a bytes value is at most {Limits.MaxBytesValueLength} bytes"));
            case StringListValue l when l.Values.Count > Limits.MaxStringListItems:
                throw DomainErrors.Invalid(at, string.Create(CultureInfo.InvariantCulture, $"a string list has at most {Limits.MaxStringListItems} items"));
            case StringListValue l when l.Values.Any(v => v is null || Encoding.UTF8.GetByteCount(v) > Limits.MaxStringValueBytes || v.Contains('\0', StringComparison.Ordinal)):
                throw DomainErrors.Invalid(at, string.Create(CultureInfo.InvariantCulture, $"each item is a string of at most {Limits.MaxStringValueBytes} bytes, without NUL"));
            case DoubleValue d when !double.IsFinite(d.Value):
                throw DomainErrors.Invalid(at, "must be a finite number");
        }
    }
}
