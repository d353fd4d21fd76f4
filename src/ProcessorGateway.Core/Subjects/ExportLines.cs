using System.Globalization;
using System.Text.Json;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Subjects;

/// <summary>The line types of an export, written with stable snake_case names (docs/subject-rights.md, "Line kinds").</summary>
internal static class ExportLines
{
    public const string Format = "processorgateway.export.v1";

    public static void Record(NdjsonChunker output, StoredRecord stored, IReadOnlyDictionary<string, FieldValue> values, CollectionSchema? schema)
    {
        var json = output.Line("record");
        json.WriteString("collection", stored.Collection);
        json.WriteString("record_id", stored.RecordId);
        WriteOptional(json, "subject_id", stored.SubjectId);
        json.WriteNumber("version", stored.Version);
        json.WriteNumber("schema_version", stored.SchemaVersion);
        json.WriteString("created_at", Time(stored.CreatedAt));
        json.WriteString("updated_at", Time(stored.UpdatedAt));
        if (stored.Retention is { } kept)
        {
            // Kept after the subject's erasure: by which request, and each hold or rule with its reason.
            json.WriteStartObject("kept");
            json.WriteString("erasure_request_id", kept.RequestId);
            json.WriteStartArray("grounds");
            foreach (var ground in kept.Grounds)
            {
                json.WriteStartObject();
                json.WriteString("held_by", ground.HeldBy);
                json.WriteString("reason", ground.Reason);
                if (ground.RetainedUntil is { } until)
                {
                    json.WriteString("retained_until", Time(until));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteStartObject("fields");
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var definition = schema?.Field(name);
            json.WriteStartObject(name);
            json.WritePropertyName("value");
            Value(json, value);
            json.WriteString("type", TypeName(value.Type));
            if (definition is null)
            {
                // Written under an older schema that has since dropped the field: still the subject's data.
                json.WriteString("note", "not in the current collection schema");
            }
            else
            {
                Protection(json, definition);
                json.WriteNumber("retention_days", definition.RetentionDays);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (schema is not null)
        {
            Retention(json, schema.Retention);
        }
    }

    public static void Schema(NdjsonChunker output, CollectionSchema schema)
    {
        var json = output.Line("schema");
        json.WriteString("collection", schema.Collection);
        json.WriteNumber("version", schema.Version);
        json.WriteStartArray("fields");
        foreach (var field in schema.Fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("type", TypeName(field.Type));
            Protection(json, field);
            json.WriteNumber("retention_days", field.RetentionDays);
            json.WriteBoolean("required", field.Required);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Retention(json, schema.Retention);
    }

    public static void Profile(NdjsonChunker output, SubjectProfile profile)
    {
        var json = output.Line("subject_profile");
        json.WriteString("subject_id", profile.SubjectId);
        json.WriteBoolean("minor", profile.Minor);
        WriteOptional(json, "updated_at", profile.UpdatedAt);
    }

    /// <param name="consent">The consent with its grantor, or <c>null</c> when the grantor could not be read (the subject was erased).</param>
    public static void Consent(NdjsonChunker output, StoredConsent stored, Consent? consent, DateTimeOffset now)
    {
        var json = output.Line("consent");
        json.WriteString("subject_id", stored.SubjectId);
        json.WriteString("consent_id", stored.ConsentId);
        Strings(json, "purposes", stored.Purposes);
        if (consent?.GrantedBy is { } grantor)
        {
            json.WriteStartObject("granted_by");
            json.WriteString("name", grantor.Name);
            json.WriteString("relationship", grantor.Relationship);
            json.WriteEndObject();
        }
        else if (stored.GrantorName is not null)
        {
            json.WriteString("granted_by_note", "unreadable: the subject's key was destroyed");
        }

        json.WriteString("granted_at", Time(stored.GrantedAt));
        WriteOptional(json, "expires_at", stored.ExpiresAt);
        WriteOptional(json, "withdrawn_at", stored.WithdrawnAt);
        json.WriteBoolean("live", stored.IsLiveAt(now));
    }

    public static void Preference(NdjsonChunker output, CommunicationPreference preference)
    {
        var json = output.Line("communication_preference");
        json.WriteString("subject_id", preference.SubjectId);
        json.WriteString("channel", preference.Channel);
        json.WriteString("category", preference.Category);
        json.WriteBoolean("allowed", preference.Allowed);
        WriteOptional(json, "updated_at", preference.UpdatedAt);
    }

    /// <summary>A purpose of the tenant with its category: what the purposes the export names are used for.</summary>
    public static void Purpose(NdjsonChunker output, RegisteredPurpose purpose)
    {
        var json = output.Line("purpose");
        json.WriteString("name", purpose.Name);
        json.WriteString("category", PurposeCategories.Name(purpose.Category));
        json.WriteBoolean("standard", purpose.Standard);
        if (purpose.Description.Length > 0)
        {
            json.WriteString("description", purpose.Description);
        }
    }

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Value(Utf8JsonWriter json, FieldValue value)
    {
        switch (value)
        {
            case StringValue s: json.WriteStringValue(s.Value); break;
            case Int64Value i: json.WriteNumberValue(i.Value); break;
            case DoubleValue d when double.IsFinite(d.Value): json.WriteNumberValue(d.Value); break;
            case DoubleValue d: json.WriteStringValue(d.Value.ToString(CultureInfo.InvariantCulture)); break;
            case BoolValue b: json.WriteBooleanValue(b.Value); break;
            case TimestampValue t: json.WriteStringValue(Time(t.Value)); break;
            case BytesValue b: json.WriteBase64StringValue(b.Value); break;
            case StringListValue l:
                json.WriteStartArray();
                foreach (var item in l.Values)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default: throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown value type");
        }
    }

    /// <summary>How a field is protected and who may read it, as its schema says.</summary>
    private static void Protection(Utf8JsonWriter json, FieldDefinition definition)
    {
        json.WriteString("class", ClassName(definition.Class));
        json.WriteString("data_category", definition.DataCategory);
        Strings(json, "purposes", definition.Purposes);

        // Empty: the purposes above write it too.
        Strings(json, "write_purposes", definition.WritePurposes);
    }

    /// <summary>The collection's own retention and what it and each field's <c>retention_days</c> are counted from (docs/retention.md).</summary>
    private static void Retention(Utf8JsonWriter json, CollectionRetention retention)
    {
        json.WriteStartObject("retention");
        json.WriteNumber("days", retention.Days);
        json.WriteString("counted_from", retention.Start switch
        {
            RetentionStart.RecordUpdated => "record_updated",
            RetentionStart.DateField => "date_field",
            _ => "record_created",
        });
        WriteOptional(json, "date_field", retention.DateField);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, Time(time));
        }
    }

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.StringList => "string_list",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string ClassName(FieldClass fieldClass) => fieldClass switch
    {
        FieldClass.PersonalSearchable => "personal_searchable",
        _ => fieldClass.ToString().ToLowerInvariant(),
    };
}
