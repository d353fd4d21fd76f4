using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Contracts.V1;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>Builders for the requests the tests send: a tenant with the education templates, and student rows.</summary>
internal static class StudentRecords
{
    public const string Purpose = "administration";

    public static async Task<string> CreateTenantAsync(GrpcTestClients clients, string? tenantId = null)
    {
        var id = tenantId ?? $"school-{Guid.NewGuid():N}"[..20];
        await clients.Tenants.CreateTenantAsync(new CreateTenantRequest
        {
            TenantId = id,
            DisplayName = "Test School",
            Templates = { "students", "guardians", "attendance", "fees" },
        });
        return id;
    }

    /// <summary>
    /// A student row; <paramref name="minor"/> sets the template's <c>is_minor</c> (its minor field), so a minor's
    /// personal fields are written and read only under a consent for the purpose. Adults by default.
    /// </summary>
    public static PutRecordRequest Student(
        string tenantId, string recordId, string name, string email, DateTimeOffset dateOfBirth, string gradeLevel = "7", bool minor = false) => new()
    {
        TenantId = tenantId,
        Collection = "students",
        RecordId = recordId,
        SubjectId = $"subj-{recordId}",
        Purpose = Purpose,
        Fields =
        {
            ["full_name"] = new Value { StringValue = name },
            ["email"] = new Value { StringValue = email },
            ["date_of_birth"] = new Value { TimestampValue = Timestamp.FromDateTimeOffset(dateOfBirth) },
            ["grade_level"] = new Value { StringValue = gradeLevel },
            ["is_minor"] = new Value { BoolValue = minor },
        },
    };

    /// <summary>Every education template, for tests that touch more than the four above.</summary>
    public static readonly string[] AllTemplates = ["students", "guardians", "staff", "attendance", "grades", "fees", "communications"];

    public static string NewTenantId(string prefix = "school") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 14, 63)];

    public static async Task<string> CreateTenantWithTemplatesAsync(GrpcTestClients clients, IEnumerable<string> templates, string? tenantId = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var id = tenantId ?? NewTenantId();
        await clients.Tenants.CreateTenantAsync(new CreateTenantRequest { TenantId = id, DisplayName = "Test School", Templates = { templates } });
        return id;
    }

    /// <summary>One attendance row: a plain date and status, and an encrypted absence reason.</summary>
    public static PutRecordRequest Attendance(string tenantId, string recordId, string studentId, string status = "present") => new()
    {
        TenantId = tenantId,
        Collection = "attendance",
        RecordId = recordId,
        SubjectId = $"subj-{studentId}",
        Purpose = "attendance",
        Fields =
        {
            ["date"] = new Value { TimestampValue = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)) },
            ["status"] = new Value { StringValue = status },
            ["class_section"] = new Value { StringValue = "7b" },
        },
    };

    /// <summary>A guardian of the given students (a plain string list).</summary>
    public static PutRecordRequest Guardian(string tenantId, string recordId, string name, params string[] studentIds) => new()
    {
        TenantId = tenantId,
        Collection = "guardians",
        RecordId = recordId,
        SubjectId = $"subj-{recordId}",
        Purpose = "support",
        Fields =
        {
            ["full_name"] = new Value { StringValue = name },
            ["relationship"] = new Value { StringValue = "parent" },
            ["student_ids"] = new Value { StringListValue = new StringList { Values = { studentIds } } },
        },
    };
}
