using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>Where a field's write list shows, through a real gateway: the templates, the exports and pgctl.</summary>
public sealed class WritePurposeDisplayTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private static readonly string[] NameWriters = ["support", "administration"];

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pgctl-writes-");

    [Fact]
    public async Task The_students_template_shows_that_only_support_and_administration_write_a_name()
    {
        var templates = await _clients.Schemas.ListTemplatesAsync(new ListTemplatesRequest()).Within();
        var name = templates.Templates.Single(t => t.Collection == "students").Fields.Single(f => f.Name == "full_name");
        Assert.Equal(NameWriters, name.WritePurposes);
    }

    [Fact]
    public async Task The_subject_and_tenant_exports_state_each_fields_write_list()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();

        var subject = await ExportResult.Within(_clients.SubjectRights.ExportSubject(new ExportSubjectRequest
        {
            TenantId = tenant, SubjectId = "subj-stu-1", Purpose = StudentRecords.Purpose,
        }));
        var fields = subject.Record("students", "stu-1").GetProperty("fields");
        Assert.Equal(NameWriters, Strings(fields.GetProperty("full_name").GetProperty("write_purposes")));
        Assert.Empty(Strings(fields.GetProperty("email").GetProperty("write_purposes")));

        var whole = await ExportResult.Within(_clients.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = tenant }));
        var students = Assert.Single(whole.OfType("schema"), s => s.GetProperty("collection").GetString() == "students");
        var name = students.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "full_name");
        Assert.Equal(NameWriters, Strings(name.GetProperty("write_purposes")));
    }

    [Fact]
    public async Task Pgctl_schema_get_shows_a_write_list_only_where_one_narrows_the_readers()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var credentials = PgctlRunner.WriteCredentials(_directory.FullName, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);

        var (code, output, error) = await PgctlRunner.RunAsync(["--credentials", credentials, "--operator", "schema", "get", "--tenant", tenant, "--collection", "students"]);

        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        Assert.EndsWith("writes=support,administration", Assert.Single(lines, l => l.TrimStart().StartsWith("full_name ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("writes=", Assert.Single(lines, l => l.TrimStart().StartsWith("email ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
