using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Retention;

/// <summary>
/// A tenant with one "enrolments" collection whose fields have a 1-day retention (a searchable nickname, a plain
/// room) beside fields kept as long as the record (a searchable e-mail, personal notes, the plain end date), and
/// record rows for it.
/// </summary>
internal static class EnrolmentSchema
{
    public const string Collection = "enrolments";
    public const string Purpose = "administration";

    public static async Task<string> CreateTenantAsync(
        GrpcTestClients clients, RetentionStart start = RetentionStart.RecordCreated, int collectionDays = 0, string dateField = "")
    {
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(clients, []);
        await clients.Schemas.DefineSchemaAsync(Define(tenant, start, collectionDays, dateField)).Within();
        return tenant;
    }

    public static DefineSchemaRequest Define(string tenant, RetentionStart start, int collectionDays, string dateField) => new()
    {
        TenantId = tenant,
        Collection = Collection,
        RetentionDays = collectionDays,
        RetentionStart = start,
        RetentionDateField = dateField,
        Fields =
        {
            Field("nickname", FieldType.String, FieldClass.PersonalSearchable, 1),
            Field("email", FieldType.String, FieldClass.PersonalSearchable, 0),
            Field("notes", FieldType.String, FieldClass.Personal, 0),
            Field("room", FieldType.String, FieldClass.Plain, 1),
            Field("ended_at", FieldType.Timestamp, FieldClass.Plain, 0),
            Field("born_at", FieldType.Timestamp, FieldClass.Personal, 0),
        },
    };

    public static PutRecordRequest Row(string tenant, string recordId, DateTimeOffset? endedAt = null)
    {
        var row = new PutRecordRequest
        {
            TenantId = tenant, Collection = Collection, RecordId = recordId, SubjectId = $"subj-{recordId}", Purpose = Purpose,
            Fields =
            {
                ["nickname"] = new Value { StringValue = "Ada" },
                ["email"] = new Value { StringValue = "ada@example.org" },
                ["notes"] = new Value { StringValue = "prefers the front row" },
                ["room"] = new Value { StringValue = "B12" },
            },
        };
        if (endedAt is { } ended)
        {
            row.Fields["ended_at"] = new Value { TimestampValue = Timestamp.FromDateTimeOffset(ended) };
        }

        return row;
    }

    public static QueryRecordsRequest Search(string tenant, string field, string value) => new()
    {
        TenantId = tenant, Collection = Collection, Purpose = Purpose,
        Filters = { new FieldFilter { Field = field, Equals_ = new Value { StringValue = value } } },
    };

    public static GetRecordRequest Get(string tenant, string recordId) =>
        new() { TenantId = tenant, Collection = Collection, RecordId = recordId, Purpose = Purpose };

    private static FieldDefinition Field(string name, FieldType type, FieldClass fieldClass, int days) => new()
    {
        Name = name, Type = type, FieldClass = fieldClass, DataCategory = "enrolment", RetentionDays = days,
        Purposes = { fieldClass == FieldClass.Plain ? Array.Empty<string>() : new[] { Purpose } },
    };
}
