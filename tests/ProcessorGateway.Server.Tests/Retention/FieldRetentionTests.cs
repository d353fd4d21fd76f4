using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Server.Tests.Support;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Retention;

/// <summary>
/// Retention enforced on one fake clock: records are stamped on it, reads show due dates on it, and the job erases
/// on it. Each test makes its own tenant and moves the shared clock only forward from where it found it.
/// </summary>
[Collection(RetentionJobGroup.Name)]
public sealed class FieldRetentionTests(RetentionGatewayFixture gateway) : IClassFixture<RetentionGatewayFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _raw = new(gateway);

    [Fact]
    public async Task A_field_with_a_one_day_retention_is_erased_after_the_job_runs_past_its_expiry_and_its_neighbours_are_intact()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();
        var created = (await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within()).CreatedAt.ToDateTimeOffset();
        var tokensBefore = (await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"))!["bi"].AsBsonArray.Count;
        var nicknameTokens = tokensBefore - await TokensWithoutNicknameAsync();
        Assert.True(nicknameTokens > 0, "the nickname put blind-index tokens on the record");

        gateway.Clock.Advance(Day - TimeSpan.FromSeconds(1));
        await gateway.RunPassAsync();
        Assert.Equal("Ada", (await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within()).Fields["nickname"].StringValue);

        gateway.Clock.Advance(TimeSpan.FromSeconds(2));
        await gateway.RunPassAsync();

        var read = await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within();
        Assert.False(read.Fields.ContainsKey("nickname"));
        Assert.False(read.Fields.ContainsKey("room"));
        Assert.Equal("prefers the front row", read.Fields["notes"].StringValue);
        Assert.Equal(2, read.Version);
        Assert.Empty(read.FieldExpiresAt);
        Assert.Equal(created, read.CreatedAt.ToDateTimeOffset());

        Assert.Equal("ada@example.org", read.Fields["email"].StringValue);

        var stored = (await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"))!;
        Assert.Equal(["email", "notes"], stored["e"].AsBsonDocument.Names.Order(StringComparer.Ordinal));
        Assert.Empty(stored["p"].AsBsonDocument.Names);
        Assert.Equal(tokensBefore - nicknameTokens, stored["bi"].AsBsonArray.Count);

        // The erased value no longer matches a search; its searchable neighbour still does.
        Assert.Empty((await _clients.Records.QueryRecordsAsync(EnrolmentSchema.Search(tenant, "nickname", "Ada")).Within()).Records);
        Assert.Single((await _clients.Records.QueryRecordsAsync(EnrolmentSchema.Search(tenant, "email", "ada@example.org")).Within()).Records);

        var audit = await _clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, Actor = "job:retention" }).Within();
        var @event = Assert.Single(audit.Events);
        Assert.Equal("job.retention", @event.Action);
        Assert.Equal([$"{EnrolmentSchema.Collection}/en-1"], @event.RecordIds);
        Assert.Equal(["enrolments.nickname", "enrolments.room"], @event.Fields);
        Assert.DoesNotContain("Ada", @event.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_pass_changes_nothing()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();
        gateway.Clock.Advance(Day + TimeSpan.FromSeconds(1));
        await gateway.RunPassAsync();
        var once = (await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"))!.ToJson();

        await gateway.RunPassAsync();

        Assert.Equal(once, (await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"))!.ToJson());
        var audit = await _clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, Actor = "job:retention" }).Within();
        Assert.Single(audit.Events);
    }

    [Fact]
    public async Task Reads_show_when_each_field_and_the_record_expire()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients, collectionDays: 30);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();

        var read = await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within();
        var created = read.CreatedAt.ToDateTimeOffset();
        Assert.Equal(["nickname", "room"], read.FieldExpiresAt.Keys.Order(StringComparer.Ordinal));
        Assert.All(read.FieldExpiresAt.Values, due => Assert.Equal(created + Day, due.ToDateTimeOffset()));
        Assert.Equal(created + TimeSpan.FromDays(30), read.ExpiresAt.ToDateTimeOffset());

        var page = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = EnrolmentSchema.Collection, Purpose = EnrolmentSchema.Purpose,
        }).Within();
        Assert.Equal(read.FieldExpiresAt, Assert.Single(page.Records).FieldExpiresAt);
    }

    [Fact]
    public async Task A_record_under_a_legal_hold_keeps_its_expired_field_until_the_hold_is_released()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-2")).Within();
        var hold = await _clients.Erasure.PlaceLegalHoldAsync(new PlaceLegalHoldRequest
        {
            TenantId = tenant, SubjectId = "subj-en-1", Collection = EnrolmentSchema.Collection, Reason = "enrolment dispute, case 7",
        }).Within();

        gateway.Clock.Advance(Day + TimeSpan.FromSeconds(1));
        await gateway.RunPassAsync();

        var held = await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within();
        Assert.Equal("Ada", held.Fields["nickname"].StringValue);
        Assert.Equal("B12", held.Fields["room"].StringValue);
        Assert.Empty(held.FieldExpiresAt);
        Assert.False((await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-2")).Within()).Fields.ContainsKey("nickname"));

        await _clients.Erasure.ReleaseLegalHoldAsync(new ReleaseLegalHoldRequest { TenantId = tenant, HoldId = hold.HoldId }).Within();
        await gateway.RunPassAsync();
        Assert.False((await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within()).Fields.ContainsKey("nickname"));
    }

    [Fact]
    public async Task A_record_under_a_retention_rule_keeps_its_expired_field()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();
        await _clients.Erasure.SetRetentionRuleAsync(new SetRetentionRuleRequest
        {
            TenantId = tenant, Collection = EnrolmentSchema.Collection, RetentionYears = 1, Reason = "enrolments are kept a year by law",
        }).Within();

        gateway.Clock.Advance(Day + TimeSpan.FromSeconds(1));
        await gateway.RunPassAsync();

        var kept = await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within();
        Assert.Equal("Ada", kept.Fields["nickname"].StringValue);
        Assert.Empty(kept.FieldExpiresAt);
        Assert.True((await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"))!["e"].AsBsonDocument.Contains("nickname"));
    }

    [Fact]
    public async Task A_collection_retention_deletes_the_whole_record()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients, collectionDays: 2);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();
        gateway.Clock.Advance(Day + TimeSpan.FromSeconds(1));
        await gateway.RunPassAsync();
        Assert.Equal("prefers the front row", (await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within()).Fields["notes"].StringValue);

        gateway.Clock.Advance(Day);
        await gateway.RunPassAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).ResponseAsync);
        Assert.Null(await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"));
    }

    [Fact]
    public async Task With_record_updated_a_write_starts_the_period_again()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients, RetentionStart.RecordUpdated);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1")).Within();
        gateway.Clock.Advance(TimeSpan.FromHours(20));
        await _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant, Collection = EnrolmentSchema.Collection, RecordId = "en-1", Purpose = EnrolmentSchema.Purpose, ExpectedVersion = 1,
            Fields = { ["notes"] = new Value { StringValue = "moved to the back row" } }, UpdateMask = new FieldMask { Paths = { "notes" } },
        }).Within();
        var updated = (await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within()).UpdatedAt.ToDateTimeOffset();

        gateway.Clock.Advance(TimeSpan.FromHours(20));
        await gateway.RunPassAsync();
        var read = await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within();
        Assert.Equal("Ada", read.Fields["nickname"].StringValue);
        Assert.Equal(updated + Day, read.FieldExpiresAt["nickname"].ToDateTimeOffset());

        gateway.Clock.Advance(TimeSpan.FromHours(5));
        await gateway.RunPassAsync();
        Assert.False((await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-1")).Within()).Fields.ContainsKey("nickname"));
    }

    [Fact]
    public async Task With_a_date_field_the_period_counts_from_it_and_a_record_without_the_date_expires_nothing()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients, RetentionStart.DateField, dateField: "ended_at");
        var ended = gateway.Clock.GetUtcNow() - TimeSpan.FromDays(3);
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-ended", ended)).Within();
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-open")).Within();

        var open = await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-open")).Within();
        Assert.Empty(open.FieldExpiresAt);
        var due = (await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-ended")).Within()).FieldExpiresAt["nickname"].ToDateTimeOffset();
        Assert.Equal(ended.ToUnixTimeMilliseconds() + (long)Day.TotalMilliseconds, due.ToUnixTimeMilliseconds());

        await gateway.RunPassAsync();

        Assert.False((await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-ended")).Within()).Fields.ContainsKey("nickname"));
        gateway.Clock.Advance(TimeSpan.FromDays(400));
        await gateway.RunPassAsync();
        Assert.Equal("Ada", (await _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, "en-open")).Within()).Fields["nickname"].StringValue);
    }

    [Fact]
    public async Task Both_exports_state_each_fields_retention_and_what_it_is_counted_from()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients, RetentionStart.DateField, collectionDays: 365, dateField: "ended_at");
        await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, "en-1", gateway.Clock.GetUtcNow())).Within();

        var subject = await ExportResult.Within(_clients.SubjectRights.ExportSubject(
            new ExportSubjectRequest { TenantId = tenant, SubjectId = "subj-en-1", Purpose = EnrolmentSchema.Purpose }));
        var record = Assert.Single(subject.OfType("record"));
        Assert.Equal(1, record.GetProperty("fields").GetProperty("nickname").GetProperty("retention_days").GetInt32());
        Assert.Equal(0, record.GetProperty("fields").GetProperty("notes").GetProperty("retention_days").GetInt32());
        AssertCountedFromEndDate(record.GetProperty("retention"));

        var whole = await ExportResult.Within(_clients.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = tenant }));
        var schema = Assert.Single(whole.OfType("schema"));
        Assert.Equal(1, schema.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "room").GetProperty("retention_days").GetInt32());
        AssertCountedFromEndDate(schema.GetProperty("retention"));

        static void AssertCountedFromEndDate(System.Text.Json.JsonElement retention) =>
            Assert.Equal((365, "date_field", "ended_at"),
                (retention.GetProperty("days").GetInt32(), retention.GetProperty("counted_from").GetString(), retention.GetProperty("date_field").GetString()));
    }

    [Fact]
    public async Task DefineSchema_refuses_a_date_field_that_is_personal_or_missing_and_a_retention_out_of_range()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        var personal = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _clients.Schemas.DefineSchemaAsync(
            With(EnrolmentSchema.Define(tenant, RetentionStart.DateField, 0, "born_at"))).ResponseAsync);
        Assert.Contains("retention_date_field", personal.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("plain", personal.Status.Detail, StringComparison.Ordinal);

        var missing = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _clients.Schemas.DefineSchemaAsync(
            With(EnrolmentSchema.Define(tenant, RetentionStart.DateField, 0, ""))).ResponseAsync);
        Assert.Contains("retention_date_field", missing.Status.Detail, StringComparison.Ordinal);

        var tooLong = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _clients.Schemas.DefineSchemaAsync(
            With(EnrolmentSchema.Define(tenant, RetentionStart.RecordCreated, 36501, ""))).ResponseAsync);
        Assert.Contains("retention_days", tooLong.Status.Detail, StringComparison.Ordinal);

        var schema = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = EnrolmentSchema.Collection }).Within();
        Assert.Equal(1, schema.Version);
        Assert.Equal(RetentionStart.RecordCreated, schema.RetentionStart);
    }

    /// <summary>How many blind-index tokens the same row puts on a record without its nickname, in a tenant of its own.</summary>
    private async Task<int> TokensWithoutNicknameAsync()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        var row = EnrolmentSchema.Row(tenant, "en-1");
        row.Fields.Remove("nickname");
        await _clients.Records.PutRecordAsync(row).Within();
        return (await _raw.RecordAsync(tenant, EnrolmentSchema.Collection, "en-1"))!["bi"].AsBsonArray.Count;
    }

    private static DefineSchemaRequest With(DefineSchemaRequest request)
    {
        request.ExpectedVersion = 1;
        return request;
    }
}
