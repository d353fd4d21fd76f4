using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Tenants;

/// <summary>
/// What a purpose's category changes: an analytics purpose reads plain fields and pseudonymous ids only, unless a
/// field allows analytics; every audit event of a call records the category, and the chain still verifies; both
/// exports state each purpose with its category.
/// </summary>
public sealed class PurposeCategoryTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Analytics = "analytics";
    private const string Writer = "administration";

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task An_analytics_purpose_reads_plain_fields_and_ids_while_personal_fields_come_back_masked_unless_the_field_allows_analytics()
    {
        var tenant = await SurveyTenantAsync();

        var read = await _clients.Records.GetRecordAsync(Get(tenant, Analytics)).Within();
        var byAdministration = await _clients.Records.GetRecordAsync(Get(tenant, Writer)).Within();

        Assert.Equal(("resp-1", "subj-resp-1"), (read.RecordId, read.SubjectId));
        Assert.Equal(7, read.Fields["score"].Int64Value);
        Assert.Equal("more sport", read.Fields["answer"].StringValue);
        Assert.Equal(Value.KindOneofCase.Masked, read.Fields["email"].KindCase);
        Assert.Contains("analytics purpose, which reads only plain fields and pseudonymous ids", read.Fields["email"].Masked.Reason, StringComparison.Ordinal);
        Assert.Equal("resp@example.org", byAdministration.Fields["email"].StringValue);
    }

    [Fact]
    public async Task Searching_a_personal_field_under_an_analytics_purpose_is_refused_rather_than_telling_who_holds_a_value()
    {
        var tenant = await SurveyTenantAsync();
        var query = new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "surveys", Purpose = Analytics,
            Filters = { new FieldFilter { Field = "email", Equals_ = new Value { StringValue = "resp@example.org" } } },
        };

        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.QueryRecordsAsync(query).Within());
        query.Purpose = Writer;
        var found = await _clients.Records.QueryRecordsAsync(query).Within();

        Assert.Contains("purpose 'analytics' may not read field 'email'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("resp-1", Assert.Single(found.Records).RecordId);
    }

    [Fact]
    public async Task Each_event_written_under_a_purpose_records_its_category_which_the_chain_covers_and_verifies()
    {
        var tenant = await SurveyTenantAsync();
        await _clients.Records.GetRecordAsync(Get(tenant, Analytics)).Within();
        await _clients.SubjectRights.CheckCommunicationAllowedAsync(new CheckCommunicationAllowedRequest
        {
            TenantId = tenant, SubjectId = "subj-resp-1", Channel = "email", Category = "attendance", Purpose = "communication",
        }).Within();

        var events = (await _clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, RecordId = "resp-1", PageSize = 100 }).Within()).Events;
        var messaging = (await _clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, Purpose = "communication", PageSize = 100 }).Within()).Events;
        var verified = await _clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();

        var get = Assert.Single(events, e => e.Action == "RecordService.GetRecord");
        var put = Assert.Single(events, e => e.Action == "RecordService.PutRecord");
        Assert.Equal((Analytics, "analytics"), (get.Purpose, get.PurposeCategory));
        Assert.Equal((Writer, "service_operation"), (put.Purpose, put.PurposeCategory));
        Assert.Equal("communication", Assert.Single(messaging, e => e.Action == "SubjectRightsService.CheckCommunicationAllowed").PurposeCategory);
        Assert.True(verified.Intact, $"chain broken: {verified.FirstBreak}");
        var (block, index) = await StoredEventAsync(tenant, get.EventId);
        Assert.Equal("analytics", block["e"][index]["pc"].AsString);
    }

    [Fact]
    public async Task Changing_a_stored_events_purpose_category_breaks_the_chain_at_that_event()
    {
        var tenant = await SurveyTenantAsync();
        var get = await _clients.Records.GetRecordAsync(Get(tenant, Analytics)).Within();
        var events = (await _clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, RecordId = get.RecordId, PageSize = 100 }).Within()).Events;
        var read = Assert.Single(events, e => e.Action == "RecordService.GetRecord");

        await Blocks.UpdateOneAsync(
            new BsonDocument("e.eid", read.EventId),
            Builders<BsonDocument>.Update.Set("e.$[target].pc", "service_operation"),
            new UpdateOptions { ArrayFilters = [new BsonDocumentArrayFilterDefinition<BsonDocument>(new BsonDocument("target.eid", read.EventId))] });

        var verified = await _clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();

        Assert.False(verified.Intact);
        Assert.Equal((ChainBreakKind.Edited, read.Sequence, read.EventId), (verified.FirstBreak.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
    }

    [Fact]
    public async Task The_subject_and_tenant_exports_state_each_purpose_with_its_category()
    {
        var tenant = await SurveyTenantAsync();
        await _clients.Tenants.RegisterPurposeAsync(PurposeRegistryTests.Register(tenant, "wellbeing_survey", PurposeCategory.Support)).Within();

        var subject = await ExportResult.Within(_clients.SubjectRights.ExportSubject(
            new ExportSubjectRequest { TenantId = tenant, SubjectId = "subj-resp-1", Purpose = Writer }));
        var whole = await ExportResult.Within(_clients.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = tenant }));

        foreach (var export in new[] { subject, whole })
        {
            var purposes = export.OfType("purpose").ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("category").GetString());
            Assert.Equal("service_operation", purposes[Writer]);
            Assert.Equal("analytics", purposes[Analytics]);
            Assert.Equal("security", purposes["safeguarding"]);
            Assert.Equal("support", purposes["wellbeing_survey"]);
        }

        var written = Assert.Single(subject.OfType("access_event"), e => e.GetProperty("action").GetString() == "RecordService.PutRecord");
        Assert.Equal("service_operation", written.GetProperty("purpose_category").GetString());
    }

    /// <summary>A tenant with a survey collection: a plain score, a searchable e-mail, and an answer that allows analytics; one response.</summary>
    private async Task<string> SurveyTenantAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Schemas.DefineSchemaAsync(new DefineSchemaRequest
        {
            TenantId = tenant,
            Collection = "surveys",
            Fields =
            {
                new FieldDefinition { Name = "score", Type = FieldType.Int64, FieldClass = FieldClass.Plain, DataCategory = "survey" },
                new FieldDefinition
                {
                    Name = "email", Type = FieldType.String, FieldClass = FieldClass.PersonalSearchable, DataCategory = "contact", Purposes = { Writer, Analytics },
                },
                new FieldDefinition
                {
                    Name = "answer", Type = FieldType.String, FieldClass = FieldClass.Personal, DataCategory = "survey", Purposes = { Writer, Analytics },
                    AnalyticsAllowed = true,
                },
            },
        }).Within();
        await _clients.Records.PutRecordAsync(new PutRecordRequest
        {
            TenantId = tenant,
            Collection = "surveys",
            RecordId = "resp-1",
            SubjectId = "subj-resp-1",
            Purpose = Writer,
            Fields =
            {
                ["score"] = new Value { Int64Value = 7 },
                ["email"] = new Value { StringValue = "resp@example.org" },
                ["answer"] = new Value { StringValue = "more sport" },
            },
        }).Within();
        return tenant;
    }

    private static GetRecordRequest Get(string tenant, string purpose) =>
        new() { TenantId = tenant, Collection = "surveys", RecordId = "resp-1", Purpose = purpose };

    /// <summary>The block of the tenant's chain that holds the event, and the event's index in it.</summary>
    private async Task<(BsonDocument Block, int Index)> StoredEventAsync(string tenant, string eventId)
    {
        var blocks = await Blocks.Find(Builders<BsonDocument>.Filter.Eq("c", tenant)).ToListAsync();
        var block = Assert.Single(blocks, b => b["e"].AsBsonArray.Any(e => e["eid"].AsString == eventId));
        return (block, block["e"].AsBsonArray.Select(e => e["eid"].AsString).ToList().IndexOf(eventId));
    }

    private IMongoCollection<BsonDocument> Blocks => gateway.MongoDatabase.GetCollection<BsonDocument>(Storage.Mongo.Audit.AuditStore.Blocks);
}
