using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>Portability: a whole tenant, streamed in chunks with progress, and nothing of another tenant.</summary>
public sealed class TenantExportTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const int Students = 40;
    private const int RowsPerStudent = 5;

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task A_tenant_export_streams_every_record_once_in_several_chunks_with_rising_progress_and_nothing_of_another_tenant()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var other = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(other, "stu-x", "Other Tenant Pupil", "other@example.org", DateTimeOffset.UnixEpoch)).Within();
        var rows = Enumerable.Range(0, Students).SelectMany(s => Enumerable.Range(0, RowsPerStudent).Select(r =>
        {
            var row = StudentRecords.Attendance(tenant, $"att-{s:D3}-{r}", $"stu-{s:D3}", "absent");
            row.Fields["absence_reason"] = new Value { StringValue = $"reason of pupil {s} day {r}, long enough to fill chunks: {new string('x', 200)}" };
            return row;
        })).ToArray();
        var batch = await GatewayRpcs.BatchPutAsync(_clients, rows);
        Assert.Equal(rows.Length, batch.Succeeded);
        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, "subj-stu-001")).Within();
        await _clients.SubjectRights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = tenant, SubjectId = "subj-stu-001", Minor = true }).Within();

        var export = await ExportResult.Within(_clients.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = tenant }));

        Assert.True(export.Chunks.Count > 1, $"a {export.Text.Length}-character export should come in several chunks, got {export.Chunks.Count}");
        Assert.All(export.Chunks, c => Assert.Equal(rows.Length, c.RecordsTotal));
        Assert.Equal(export.Chunks.Select(c => c.RecordsDone).Order(), export.Chunks.Select(c => c.RecordsDone));
        Assert.Equal(rows.Length, export.Chunks[^1].RecordsDone);
        var ids = export.OfType("record").Select(r => r.GetProperty("record_id").GetString()!).ToList();
        Assert.Equal(rows.Select(r => r.RecordId).Order(StringComparer.Ordinal), ids);
        Assert.Contains("reason of pupil 7 day 3", export.Text, StringComparison.Ordinal);
        Assert.Contains(export.OfType("schema"), s => s.GetProperty("collection").GetString() == "students");
        Assert.Equal("Grace Guardian", Assert.Single(export.OfType("consent")).GetProperty("granted_by").GetProperty("name").GetString());
        Assert.Single(export.OfType("subject_profile"));
        Assert.DoesNotContain("Other Tenant Pupil", export.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(other, export.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erased_subjects_records_appear_in_the_tenant_export_by_name_only()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-2", "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, "subj-stu-1")).Within();
        await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = "subj-stu-1", Reason = "request" }).Within();

        var export = await ExportResult.Within(_clients.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = tenant }));

        Assert.Equal("stu-1", Assert.Single(export.OfType("record_erased")).GetProperty("record_id").GetString());
        Assert.Equal("Grace Hopper", export.Record("students", "stu-2").GetProperty("fields").GetProperty("full_name").GetProperty("value").GetString());
        var consent = Assert.Single(export.OfType("consent"));
        Assert.False(consent.TryGetProperty("granted_by", out _), "the erased subject's consent grantor is unreadable");
        Assert.DoesNotContain("Ada Lovelace", export.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace Guardian", export.Text, StringComparison.Ordinal);
        Assert.Equal(1, export.Lines[^1].GetProperty("records_erased").GetInt64());
    }
}
