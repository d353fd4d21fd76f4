using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>Right of access: one subject's export holds all of their data in plaintext, and nothing of anyone else.</summary>
public sealed class SubjectExportTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly DateTimeOffset DateOfBirth = new(2012, 3, 14, 0, 0, 0, TimeSpan.Zero);

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task A_subjects_export_has_every_field_in_plaintext_with_its_purposes_and_nothing_of_other_subjects()
    {
        var tenant = await TwoStudentsAsync();
        await _clients.SubjectRights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = tenant, SubjectId = "subj-stu-1", Minor = true }).Within();
        var consent = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, "subj-stu-1", "academic")).Within();
        await _clients.SubjectRights.SetCommunicationPreferenceAsync(new SetCommunicationPreferenceRequest
        {
            TenantId = tenant, SubjectId = "subj-stu-1", Channel = "whatsapp", Category = "marketing", Allowed = false,
        }).Within();
        var hold = await _clients.Erasure.PlaceLegalHoldAsync(new PlaceLegalHoldRequest
        {
            TenantId = tenant, SubjectId = "subj-stu-1", Collection = "attendance", Reason = "attendance dispute, case 2026-4",
        }).Within();

        // Exported for "attendance", a purpose that may not read most of these fields: the export is not masked.
        var export = await ExportResult.Within(_clients.SubjectRights.ExportSubject(new ExportSubjectRequest
        {
            TenantId = tenant, SubjectId = "subj-stu-1", Purpose = "attendance",
        }));

        var header = export.Lines[0];
        Assert.Equal(("subject", tenant, "subj-stu-1"), (header.GetProperty("scope").GetString(), header.GetProperty("tenant_id").GetString(),
            header.GetProperty("subject_id").GetString()));
        var fields = export.Record("students", "stu-1").GetProperty("fields");
        Assert.Equal("Ada Lovelace", fields.GetProperty("full_name").GetProperty("value").GetString());
        Assert.Equal("ada@example.org", fields.GetProperty("email").GetProperty("value").GetString());
        Assert.Equal("+44 20 7946 0000", fields.GetProperty("phone").GetProperty("value").GetString());
        Assert.Equal("2012-03-14T00:00:00.000Z", fields.GetProperty("date_of_birth").GetProperty("value").GetString());
        Assert.Equal("7", fields.GetProperty("grade_level").GetProperty("value").GetString());
        Assert.Equal(["academic", "administration"], fields.GetProperty("date_of_birth").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()!));
        Assert.Equal("personal_searchable", fields.GetProperty("email").GetProperty("class").GetString());
        Assert.Equal("sick", export.Record("attendance", "att-stu-1").GetProperty("fields").GetProperty("absence_reason").GetProperty("value").GetString());
        Assert.Equal(2, export.OfType("record").Count());

        Assert.True(Assert.Single(export.OfType("subject_profile")).GetProperty("minor").GetBoolean());
        var exported = Assert.Single(export.OfType("consent"));
        Assert.Equal(consent.ConsentId, exported.GetProperty("consent_id").GetString());
        Assert.Equal("Grace Guardian", exported.GetProperty("granted_by").GetProperty("name").GetString());
        Assert.False(Assert.Single(export.OfType("communication_preference")).GetProperty("allowed").GetBoolean());
        Assert.Equal(["legal_holds", "disclosures", "access_history"], export.OfType("section").Select(s => s.GetProperty("section").GetString()!));
        Assert.All(export.OfType("section"), s => Assert.True(s.GetProperty("available").GetBoolean()));
        var exportedHold = Assert.Single(export.OfType("legal_hold"));
        Assert.Equal((hold.HoldId, "attendance dispute, case 2026-4"), (exportedHold.GetProperty("hold_id").GetString(), exportedHold.GetProperty("reason").GetString()));
        var accesses = export.OfType("access_event").ToList();
        Assert.Contains(accesses, e => e.GetProperty("action").GetString()!.EndsWith("PutRecord", StringComparison.Ordinal) && e.GetProperty("status").GetString() == "OK");
        Assert.Contains(accesses, e => e.GetProperty("action").GetString()!.EndsWith("GrantConsent", StringComparison.Ordinal));
        var kept = Assert.Single(export.OfType("kept_record"));
        Assert.Equal(("attendance", "att-stu-1"), (kept.GetProperty("collection").GetString(), kept.GetProperty("record_id").GetString()));

        foreach (var foreign in new[] { "Grace Hopper", "grace@example.org", "stu-2", "flu" })
        {
            Assert.DoesNotContain(foreign, export.Text, StringComparison.Ordinal);
        }

        var last = export.Chunks[^1];
        Assert.Equal((2, 2), (last.RecordsDone, last.RecordsTotal));
    }

    [Fact]
    public async Task An_erased_subjects_export_names_the_erased_records_and_reads_nothing_of_them()
    {
        var tenant = await TwoStudentsAsync();
        await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = "subj-stu-1", Reason = "request" }).Within();

        var export = await ExportResult.Within(_clients.SubjectRights.ExportSubject(
            new ExportSubjectRequest { TenantId = tenant, SubjectId = "subj-stu-1", Purpose = "administration" }));

        Assert.Empty(export.OfType("record"));
        Assert.Equal(["att-stu-1", "stu-1"], export.OfType("record_erased").Select(l => l.GetProperty("record_id").GetString()).Order());
        Assert.Equal(2, export.Lines[^1].GetProperty("records_erased").GetInt64());
        Assert.DoesNotContain("Ada", export.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_without_a_purpose_is_invalid_argument_naming_it()
    {
        var tenant = await TwoStudentsAsync();
        await RpcAssert.InvalidArgumentAsync("purpose", () => ExportResult.ReadAsync(_clients.SubjectRights.ExportSubject(
            new ExportSubjectRequest { TenantId = tenant, SubjectId = "subj-stu-1" })));
    }

    private async Task<string> TwoStudentsAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var ada = StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth);
        ada.Fields["phone"] = new Value { StringValue = "+44 20 7946 0000" };
        await _clients.Records.PutRecordAsync(ada).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-2", "Grace Hopper", "grace@example.org", DateOfBirth)).Within();
        foreach (var (student, reason) in new[] { ("stu-1", "sick"), ("stu-2", "flu") })
        {
            var row = StudentRecords.Attendance(tenant, $"att-{student}", student, "absent");
            row.Fields["absence_reason"] = new Value { StringValue = reason };
            await _clients.Records.PutRecordAsync(row).Within();
        }

        return tenant;
    }
}
