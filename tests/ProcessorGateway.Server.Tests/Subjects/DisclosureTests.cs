using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>Disclosures outside the platform: recorded with their basis, shown to the subject and the audit, refused on consent without one.</summary>
public sealed class DisclosureTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Subject = "subj-stu-1";

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task A_disclosure_under_a_legal_obligation_is_recorded_and_shows_in_the_subjects_export_and_audit()
    {
        var tenant = await StudentAsync();

        var recorded = await _clients.SubjectRights.RecordDisclosureAsync(Request(tenant, LegalBasis.LegalObligation, reference: "court order CO-2026-118")).Within();

        Assert.Equal((LegalBasis.LegalObligation, "court order CO-2026-118"), (recorded.LegalBasis, recorded.Reference));
        var stored = await Disclosures.Find(Builders<BsonDocument>.Filter.Eq("_id", recorded.DisclosureId)).SingleAsync();
        Assert.Equal(("legal_obligation", "legal_authority", "Example Police Service"),
            (stored["basis"].AsString, stored["kind"].AsString, stored["recipient"].AsString));
        var export = await ExportAsync(tenant);
        var line = Assert.Single(export.OfType("disclosure"));
        Assert.Equal((recorded.DisclosureId, "legal_obligation", "court order CO-2026-118"),
            (line.GetProperty("disclosure_id").GetString(), line.GetProperty("legal_basis").GetString(), line.GetProperty("reference").GetString()));
        Assert.Equal(["students.full_name", "students.date_of_birth"], line.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!));
        var audited = Assert.Single(export.OfType("access_event"), e => e.GetProperty("action").GetString()!.EndsWith("RecordDisclosure", StringComparison.Ordinal));
        Assert.Contains("students.full_name", audited.GetProperty("fields").EnumerateArray().Select(f => f.GetString()), StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_disclosure_on_a_live_consent_for_its_purpose_is_recorded()
    {
        var tenant = await StudentAsync();
        var consent = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Subject, "safeguarding")).Within();

        var recorded = await _clients.SubjectRights.RecordDisclosureAsync(Request(tenant, LegalBasis.Consent, consentId: consent.ConsentId)).Within();

        Assert.Equal(consent.ConsentId, recorded.ConsentId);
        Assert.Equal(consent.ConsentId, Assert.Single((await ExportAsync(tenant)).OfType("disclosure")).GetProperty("consent_id").GetString());
    }

    [Fact]
    public async Task A_disclosure_on_consent_without_that_consent_is_refused_and_nothing_is_stored()
    {
        var tenant = await StudentAsync();
        var otherPurpose = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Subject, "academic")).Within();
        var withdrawn = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Subject, "safeguarding")).Within();
        await _clients.SubjectRights.WithdrawConsentAsync(new WithdrawConsentRequest { TenantId = tenant, SubjectId = Subject, ConsentId = withdrawn.ConsentId }).Within();

        foreach (var consentId in new[] { "cns-none", otherPurpose.ConsentId, withdrawn.ConsentId })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => _clients.SubjectRights.RecordDisclosureAsync(Request(tenant, LegalBasis.Consent, consentId: consentId)).Within());
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains($"no live consent '{consentId}' covering purpose 'safeguarding'", refused.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(0, await Disclosures.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("t", tenant)));
        Assert.Empty((await ExportAsync(tenant)).OfType("disclosure"));
    }

    [Fact]
    public async Task A_legal_obligation_without_a_reference_and_a_field_outside_the_collections_are_invalid_argument()
    {
        var tenant = await StudentAsync();
        var outside = Request(tenant, LegalBasis.Contract);
        outside.Fields.Add("fees.amount_minor_units");

        await RpcAssert.InvalidArgumentAsync("reference", () => _clients.SubjectRights.RecordDisclosureAsync(Request(tenant, LegalBasis.LegalObligation)).Within());
        await RpcAssert.InvalidArgumentAsync("fields[2]", () => _clients.SubjectRights.RecordDisclosureAsync(outside).Within());

        Assert.Equal(0, await Disclosures.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("t", tenant)));
    }

    [Fact]
    public async Task Listing_pages_the_tenants_disclosures_oldest_first_and_filters_by_subject()
    {
        var tenant = await StudentAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _clients.SubjectRights.RecordDisclosureAsync(Request(tenant, LegalBasis.Contract)).Within()).DisclosureId);
        }

        var other = Request(tenant, LegalBasis.Contract);
        other.SubjectIds[0] = "subj-stu-2";
        ids.Add((await _clients.SubjectRights.RecordDisclosureAsync(other).Within()).DisclosureId);

        var first = await _clients.SubjectRights.ListDisclosuresAsync(new ListDisclosuresRequest { TenantId = tenant, PageSize = 3 }).Within();
        var second = await _clients.SubjectRights.ListDisclosuresAsync(new ListDisclosuresRequest { TenantId = tenant, PageSize = 3, PageToken = first.NextPageToken }).Within();
        var onlyOne = await _clients.SubjectRights.ListDisclosuresAsync(new ListDisclosuresRequest { TenantId = tenant, SubjectId = "subj-stu-2" }).Within();

        Assert.Equal(ids, first.Disclosures.Concat(second.Disclosures).Select(d => d.DisclosureId));
        Assert.Equal(string.Empty, second.NextPageToken);
        Assert.Equal(ids[3], Assert.Single(onlyOne.Disclosures).DisclosureId);
        await RpcAssert.InvalidArgumentAsync("page_token", () => _clients.SubjectRights.ListDisclosuresAsync(new ListDisclosuresRequest
        {
            TenantId = tenant, SubjectId = Subject, PageSize = 3, PageToken = first.NextPageToken,
        }).Within());
    }

    [Fact]
    public async Task Pgctl_records_a_disclosure_and_lists_it_for_the_subject()
    {
        var tenant = await StudentAsync();
        var directory = Directory.CreateTempSubdirectory("pgctl-disclosures-").FullName;
        try
        {
            string[] common = ["--credentials", PgctlRunner.WriteCredentials(directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret), "--operator"];

            var recorded = await PgctlRunner.RunAsync([.. common, "disclosure", "record", "--tenant", tenant, "--recipient", "Northside Academy",
                "--kind", "institution-transfer", "--basis", "contract", "--purpose", "administration", "--subject", Subject, "--collection", "students",
                "--field", "students.full_name"]);
            var listed = await PgctlRunner.RunAsync([.. common, "disclosure", "list", "--tenant", tenant, "--subject", Subject]);

            Assert.True(recorded.ExitCode == 0, recorded.Error);
            Assert.Contains("Northside Academy (institution-transfer)", recorded.Output, StringComparison.Ordinal);
            Assert.True(listed.ExitCode == 0, listed.Error);
            Assert.Contains("Northside Academy (institution-transfer)", listed.Output, StringComparison.Ordinal);
            Assert.Contains("1 disclosure; last page", listed.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static RecordDisclosureRequest Request(string tenant, LegalBasis basis, string consentId = "", string reference = "") => new()
    {
        TenantId = tenant,
        Recipient = "Example Police Service",
        RecipientKind = RecipientKind.LegalAuthority,
        LegalBasis = basis,
        ConsentId = consentId,
        Reference = reference,
        Purpose = "safeguarding",
        SubjectIds = { Subject },
        Collections = { "students" },
        Fields = { "students.full_name", "students.date_of_birth" },
    };

    private async Task<string> StudentAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        return tenant;
    }

    private Task<ExportResult> ExportAsync(string tenant) =>
        ExportResult.Within(_clients.SubjectRights.ExportSubject(new ExportSubjectRequest { TenantId = tenant, SubjectId = Subject, Purpose = StudentRecords.Purpose }));

    private IMongoCollection<BsonDocument> Disclosures => gateway.MongoDatabase.GetCollection<BsonDocument>("disclosures");
}
