using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;
using Proto = ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Server.Schemas;

internal static class SchemaMapper
{
    public static FieldDefinition FromProto(Proto.FieldDefinition field) => new(
        field.Name,
        // Core's FieldType is a byte: an out-of-range number must not wrap onto a real type.
        field.Type is >= 0 and <= (Proto.FieldType)byte.MaxValue ? (FieldType)(byte)field.Type : 0,
        (FieldClass)(int)field.FieldClass,
        field.DataCategory,
        field.Purposes.ToArray(),
        field.RetentionDays,
        field.Required)
    {
        AnalyticsAllowed = field.AnalyticsAllowed,
        WritePurposes = field.WritePurposes.ToArray(),
        // An unknown number stays out of range, so the schema rules refuse it rather than reading it as unspecified.
        LengthHiding = (LengthHiding)(int)field.LengthHiding,
        NameSearch = field.NameSearch,
    };

    public static Proto.FieldDefinition ToProto(FieldDefinition field) => new()
    {
        Name = field.Name,
        Type = (Proto.FieldType)(int)field.Type,
        FieldClass = (Proto.FieldClass)(int)field.Class,
        DataCategory = field.DataCategory,
        Purposes = { field.Purposes },
        RetentionDays = field.RetentionDays,
        Required = field.Required,
        AnalyticsAllowed = field.AnalyticsAllowed,
        WritePurposes = { field.WritePurposes },
        LengthHiding = (Proto.LengthHiding)(int)field.LengthHiding,
        NameSearch = field.NameSearch,
    };

    public static Proto.CollectionSchema ToProto(CollectionSchema schema) => new()
    {
        TenantId = schema.TenantId,
        Collection = schema.Collection,
        Version = schema.Version,
        Fields = { schema.Fields.Select(ToProto) },
        CreatedAt = Timestamp.FromDateTimeOffset(schema.CreatedAt),
        DataClass = (Proto.DataClass)(int)schema.DataClass,
        MinorField = schema.MinorField ?? string.Empty,
        RetentionDays = schema.Retention.Days,
        RetentionStart = (Proto.RetentionStart)(int)schema.Retention.Start,
        RetentionDateField = schema.Retention.DateField ?? string.Empty,
    };

    /// <summary>An unknown start stays out of range, so the service refuses it rather than reading it as creation.</summary>
    public static CollectionRetention RetentionFromProto(Proto.DefineSchemaRequest request) =>
        new(request.RetentionDays, (RetentionStart)(int)request.RetentionStart, request.RetentionDateField);

    /// <summary>An unknown number stays out of range, so the service refuses it rather than reading it as unclassified.</summary>
    public static DataClass FromProto(Proto.DataClass dataClass) => (DataClass)(int)dataClass;
}
