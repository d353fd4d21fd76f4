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

    public static PutRecordRequest Student(string tenantId, string recordId, string name, string email, DateTimeOffset dateOfBirth, string gradeLevel = "7") => new()
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
            ["is_minor"] = new Value { BoolValue = true },
        },
    };
}
