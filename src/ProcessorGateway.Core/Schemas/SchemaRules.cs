using System.Globalization;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Schemas;

/// <summary>What makes a schema well-formed, and what a new version may change.</summary>
internal static class SchemaRules
{
    public static void Validate(IReadOnlyList<FieldDefinition> fields)
    {
        if (fields.Count == 0)
        {
            throw DomainErrors.Invalid("fields", "a schema needs at least one field");
        }

        if (fields.Count > Limits.MaxFieldsPerSchema)
        {
            throw DomainErrors.Invalid("fields", string.Create(CultureInfo.InvariantCulture, $"a schema has at most {Limits.MaxFieldsPerSchema} fields"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"fields[{i}]");
            var field = fields[i] ?? throw DomainErrors.Required(at);
            Identifiers.Name(field.Name, $"{at}.name");
            if (!seen.Add(field.Name))
            {
                throw DomainErrors.Invalid($"{at}.name", $"'{field.Name}' appears twice");
            }

            if (!Enum.IsDefined(field.Type))
            {
                throw DomainErrors.Invalid($"{at}.type", "must be one of string, int64, double, bool, timestamp, bytes, string_list");
            }

            if (!Enum.IsDefined(field.Class))
            {
                throw DomainErrors.Invalid($"{at}.field_class", "must be one of plain, personal, personal_searchable, sensitive");
            }

            Identifiers.Name(field.DataCategory, $"{at}.data_category");
            if (field.Purposes.Count > Limits.MaxPurposesPerField)
            {
                throw DomainErrors.Invalid($"{at}.purposes", string.Create(CultureInfo.InvariantCulture, $"at most {Limits.MaxPurposesPerField} purposes"));
            }

            for (var p = 0; p < field.Purposes.Count; p++)
            {
                Identifiers.Name(field.Purposes[p], string.Create(CultureInfo.InvariantCulture, $"{at}.purposes[{p}]"));
            }

            CheckWritePurposes(field, at);
            if (field.Class.IsEncrypted() && field.Purposes.Count == 0)
            {
                throw DomainErrors.Invalid($"{at}.purposes", "a personal or sensitive field must name the purposes that may read it");
            }

            if (field.Class == FieldClass.PersonalSearchable && field.Type is FieldType.Double or FieldType.Bytes)
            {
                throw DomainErrors.Invalid($"{at}.field_class", "personal_searchable fields must be string, string_list, int64, bool or timestamp");
            }

            CheckLengthHiding(field, at);
            if (field.NameSearch && (field.Class != FieldClass.PersonalSearchable || field.Type != FieldType.String))
            {
                throw DomainErrors.Invalid($"{at}.name_search",
                    $"field '{field.Name}' is a {field.Class} {field.Type} field; name search is only for personal_searchable string fields");
            }

            if (field.RetentionDays < 0 || field.RetentionDays > Limits.MaxRetentionDays)
            {
                throw DomainErrors.Invalid($"{at}.retention_days", string.Create(CultureInfo.InvariantCulture, $"must be 0 (as long as the record) to {Limits.MaxRetentionDays}"));
            }
        }
    }

    /// <summary>Padding is part of encryption: a plain field has nothing to pad, so a setting there is a mistake worth naming.</summary>
    private static void CheckLengthHiding(FieldDefinition field, string at)
    {
        if (!Enum.IsDefined(field.LengthHiding))
        {
            throw DomainErrors.Invalid($"{at}.length_hiding", "must be one of unspecified, on, off");
        }

        if (field.LengthHiding != LengthHiding.Default && !field.Class.IsEncrypted())
        {
            throw DomainErrors.Invalid($"{at}.length_hiding", $"field '{field.Name}' is plain, so it is stored unencrypted and has no length to hide; leave length_hiding unspecified");
        }
    }

    /// <summary>A write list narrows the readers: a purpose that may not read a field never writes it.</summary>
    private static void CheckWritePurposes(FieldDefinition field, string at)
    {
        if (field.WritePurposes.Count > Limits.MaxPurposesPerField)
        {
            throw DomainErrors.Invalid($"{at}.write_purposes", string.Create(CultureInfo.InvariantCulture, $"at most {Limits.MaxPurposesPerField} purposes"));
        }

        for (var p = 0; p < field.WritePurposes.Count; p++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{at}.write_purposes[{p}]");
            var purpose = Identifiers.Name(field.WritePurposes[p], name);

            // A plain field with no purposes is read by any purpose, so any write list narrows it.
            if (field.Purposes.Count > 0 && !field.Purposes.Contains(purpose, StringComparer.Ordinal))
            {
                throw DomainErrors.Invalid(name, $"'{purpose}' is not among the field's purposes; only a purpose that may read a field may write it");
            }
        }
    }

    /// <summary>
    /// A new version may add and drop fields and change purposes, write purposes, categories, retention, length hiding
    /// (which applies to new writes; each ciphertext says whether it is padded) and name search (records written before
    /// it was turned on carry no name tokens until they are written again). It may not
    /// change a kept field's type or class: stored values, ciphertexts and blind indexes depend on both.
    /// </summary>
    public static void CheckEvolution(CollectionSchema current, IReadOnlyList<FieldDefinition> next) => CheckEvolution([current], next);

    /// <summary>
    /// A field name once used in a collection keeps its type and class for ever, in every version: records written
    /// under an old version still hold its values, so a field dropped and re-added as plain would otherwise expose
    /// old ciphertext's meaning or store new values in clear.
    /// </summary>
    public static void CheckEvolution(IReadOnlyList<CollectionSchema> history, IReadOnlyList<FieldDefinition> next)
    {
        ArgumentNullException.ThrowIfNull(history);
        for (var i = 0; i < next.Count; i++)
        {
            foreach (var version in history)
            {
                if (version.Field(next[i].Name) is { } before)
                {
                    CheckSameProtection(version, before, next[i], i);
                }
            }
        }
    }

    private static void CheckSameProtection(CollectionSchema version, FieldDefinition before, FieldDefinition next, int index)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"fields[{index}]");
        var since = string.Create(CultureInfo.InvariantCulture, $"version {version.Version}");
        if (before.Type != next.Type)
        {
            throw DomainErrors.Invalid($"{at}.type",
                $"field '{before.Name}' was stored as {before.Type} in {since}; a field name keeps its type for ever, even after it is dropped (use a new name)");
        }

        if (before.Class != next.Class)
        {
            throw DomainErrors.Invalid($"{at}.field_class",
                $"field '{before.Name}' was stored as {before.Class} in {since}; a field name keeps its class for ever, even after it is dropped (use a new name)");
        }
    }

    /// <returns>The field that makes a subject a minor, or <c>null</c> when <paramref name="minorField"/> is empty.</returns>
    public static string? CheckMinorField(IReadOnlyList<FieldDefinition> fields, string? minorField)
    {
        if (string.IsNullOrEmpty(minorField))
        {
            return null;
        }

        var definition = fields.FirstOrDefault(f => f.Name == minorField)
            ?? throw DomainErrors.Invalid("minor_field", $"names '{minorField}', which is not a field of the schema");
        return definition.Type is FieldType.Bool or FieldType.Timestamp
            ? minorField
            : throw DomainErrors.Invalid("minor_field", $"names '{minorField}', a {definition.Type} field; it must name a bool (is a minor) or timestamp (date of birth) field");
    }
}
