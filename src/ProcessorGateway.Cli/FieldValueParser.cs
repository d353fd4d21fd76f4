using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Contracts.V1;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Cli;

/// <summary>
/// Types command-line text by the collection schema: string, int64, double, bool, timestamp (ISO 8601), string_list
/// (comma-separated) and bytes (base64). Culture-invariant, so the same line means the same thing on every machine.
/// </summary>
internal static class FieldValueParser
{
    // ISO 8601 only: a culture's short date ("01/02/2024") is ambiguous. No zone means UTC.
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The fields of a put: every name must be in the schema, and given once.</summary>
    public static Dictionary<string, Value> ParseFields(IEnumerable<string> arguments, CollectionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var assignment = FieldAssignment.Parse(argument, "--field");
            var definition = Find(schema, assignment.Name);
            if (!fields.TryAdd(assignment.Name, Parse(definition.Name, definition.Type, assignment.Text)))
            {
                throw new CliUsageException($"field '{assignment.Name}' is given twice.");
            }
        }

        return fields;
    }

    /// <summary>Equality filters of a query. A string list field matches on one item, so its filter value is one string.</summary>
    public static List<FieldFilter> ParseFilters(IEnumerable<string> arguments, CollectionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(schema);
        var filters = new List<FieldFilter>();
        foreach (var argument in arguments)
        {
            var assignment = FieldAssignment.Parse(argument, "--where");
            var definition = Find(schema, assignment.Name);
            var type = definition.Type == FieldType.StringList ? FieldType.String : definition.Type;
            filters.Add(new FieldFilter { Field = definition.Name, Equals_ = Parse(definition.Name, type, assignment.Text) });
        }

        return filters;
    }

    public static Value Parse(string field, FieldType type, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return type switch
        {
            FieldType.String => new Value { StringValue = text },
            FieldType.Int64 => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? new Value { Int64Value = number }
                : throw Invalid(field, type, text, "a whole number such as 42"),
            FieldType.Double => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
                ? new Value { DoubleValue = real }
                : throw Invalid(field, type, text, "a finite number such as 3.5 or 1e-3"),
            FieldType.Bool => bool.TryParse(text, out var flag)
                ? new Value { BoolValue = flag }
                : throw Invalid(field, type, text, "true or false"),
            FieldType.Timestamp => DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                ? new Value { TimestampValue = Timestamp.FromDateTimeOffset(instant) }
                : throw Invalid(field, type, text, "an ISO 8601 date or time such as 2024-09-01 or 2024-09-01T08:30:00Z"),
            FieldType.StringList => new Value { StringListValue = ParseList(text) },
            FieldType.Bytes => TryBase64(text, out var bytes)
                ? new Value { BytesValue = ByteString.CopyFrom(bytes) }
                : throw Invalid(field, type, text, "base64"),
            _ => throw new CliUsageException($"field '{field}' has type {type}, which pgctl cannot write."),
        };
    }

    private static FieldDefinition Find(CollectionSchema schema, string name) =>
        schema.Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new CliUsageException($"collection '{schema.Collection}' has no field '{name}'; its fields are: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");

    // "a, b,,c" is three items: spaces around commas are layout, and an empty item is a typing slip.
    private static StringList ParseList(string text)
    {
        var list = new StringList();
        list.Values.AddRange(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return list;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    private static CliUsageException Invalid(string field, FieldType type, string text, string expected) =>
        new($"field '{field}' is {TypeName(type)}, and '{text}' is not {expected}.");

    public static string TypeName(FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Int64 => "int64",
        FieldType.Double => "double",
        FieldType.Bool => "bool",
        FieldType.Timestamp => "timestamp",
        FieldType.Bytes => "bytes",
        FieldType.StringList => "string_list",
        _ => "unspecified",
    };
}
