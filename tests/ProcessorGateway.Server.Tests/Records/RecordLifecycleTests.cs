using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Record = ProcessorGateway.Contracts.V1.Record;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>Create, replace, correct and delete one record, under version checks.</summary>
public sealed class RecordLifecycleTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly DateTimeOffset DateOfBirth = new(2012, 3, 14, 0, 0, 0, TimeSpan.Zero);

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task Create_then_create_again_is_failed_precondition_and_keeps_the_first()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var first = await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        Assert.Equal(("stu-1", 1L, false), (first.RecordId, first.Version, first.Replayed));

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Someone Else", "else@example.org", DateOfBirth)).ResponseAsync);

        Assert.Contains("already exists", error.Status.Detail, StringComparison.Ordinal);
        var read = await GetAsync(tenant, "stu-1");
        Assert.Equal("Ada Lovelace", read.Fields["full_name"].StringValue);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Replace_under_the_current_version_makes_version_2_and_keeps_created_at()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        var created = await GetAsync(tenant, "stu-1");

        var replace = StudentRecords.Student(tenant, "stu-1", "Ada King", "ada.king@example.org", DateOfBirth, gradeLevel: "8");
        replace.ExpectedVersion = 1;
        var result = await _clients.Records.PutRecordAsync(replace).Within();

        Assert.Equal(2, result.Version);
        var read = await GetAsync(tenant, "stu-1");
        Assert.Equal(2, read.Version);
        Assert.Equal("Ada King", read.Fields["full_name"].StringValue);
        Assert.Equal("8", read.Fields["grade_level"].StringValue);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.True(read.UpdatedAt.ToDateTimeOffset() >= created.UpdatedAt.ToDateTimeOffset());
        Assert.Equal(2, (await _store.RecordAsync(tenant, "students", "stu-1"))!["v"].AsInt64);
    }

    [Fact]
    public async Task Replace_under_a_stale_version_is_failed_precondition_and_leaves_the_record_unchanged()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        var second = StudentRecords.Student(tenant, "stu-1", "Ada King", "ada.king@example.org", DateOfBirth);
        second.ExpectedVersion = 1;
        await _clients.Records.PutRecordAsync(second).Within();
        var stored = await _store.RecordAsync(tenant, "students", "stu-1");

        var stale = StudentRecords.Student(tenant, "stu-1", "Stale Writer", "stale@example.org", DateOfBirth);
        stale.ExpectedVersion = 1;
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.PutRecordAsync(stale).ResponseAsync);

        Assert.Contains("version 2, not the expected 1", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(stored, await _store.RecordAsync(tenant, "students", "stu-1"));
        Assert.Equal("Ada King", (await GetAsync(tenant, "stu-1")).Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task Replace_of_a_record_that_does_not_exist_is_failed_precondition_and_creates_nothing()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var replace = StudentRecords.Student(tenant, "stu-9", "Nobody", "nobody@example.org", DateOfBirth);
        replace.ExpectedVersion = 3;

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.PutRecordAsync(replace).ResponseAsync);

        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task Update_corrects_only_the_masked_fields_clears_a_masked_field_left_out_keeps_the_rest_and_bumps_the_version()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var student = StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth);
        student.Fields["phone"] = Text("+44 20 7946 0000");
        await _clients.Records.PutRecordAsync(student).Within();
        var before = await GetAsync(tenant, "stu-1");

        var result = await _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant,
            Collection = "students",
            RecordId = "stu-1",
            Fields = { ["email"] = Text("ada.corrected@example.org") },
            UpdateMask = new FieldMask { Paths = { "email", "phone" } },
            ExpectedVersion = 1,
            Purpose = StudentRecords.Purpose,
        }).Within();

        Assert.Equal(2, result.Version);
        var after = await GetAsync(tenant, "stu-1");
        Assert.Equal(2, after.Version);
        Assert.Equal("ada.corrected@example.org", after.Fields["email"].StringValue);
        Assert.False(after.Fields.ContainsKey("phone"), "phone was named in the mask without a value, so it is cleared");
        foreach (var kept in new[] { "full_name", "date_of_birth", "grade_level", "is_minor" })
        {
            Assert.Equal(before.Fields[kept], after.Fields[kept]);
        }

        Assert.Equal(before.SubjectId, after.SubjectId);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        var raw = await _store.RecordAsync(tenant, "students", "stu-1");
        Assert.DoesNotContain("phone", raw!["e"].AsBsonDocument.Names);
        Assert.Equal(2, raw["v"].AsInt64);
    }

    [Fact]
    public async Task Update_that_clears_a_required_field_is_invalid_argument_naming_it_and_leaves_the_record_unchanged()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        var stored = await _store.RecordAsync(tenant, "students", "stu-1");

        await RpcAssert.InvalidArgumentAsync("fields.full_name", () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant,
            Collection = "students",
            RecordId = "stu-1",
            UpdateMask = new FieldMask { Paths = { "full_name" } },
            ExpectedVersion = 1,
            Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Equal(stored, await _store.RecordAsync(tenant, "students", "stu-1"));
    }

    [Fact]
    public async Task Update_that_clears_a_required_field_with_an_idempotency_key_writes_no_idempotency_entry()
    {
        // docs/design.md §3: bad input gets INVALID_ARGUMENT "and nothing is written" - the key included.
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();

        await RpcAssert.InvalidArgumentAsync("fields.full_name", () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant,
            Collection = "students",
            RecordId = "stu-1",
            UpdateMask = new FieldMask { Paths = { "full_name" } },
            ExpectedVersion = 1,
            IdempotencyKey = "clear-required-1",
            Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Null(await _store.IdempotencyAsync(tenant, "clear-required-1"));
    }

    [Fact]
    public async Task Update_under_a_stale_version_is_failed_precondition_and_leaves_the_record_unchanged()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        var stored = await _store.RecordAsync(tenant, "students", "stu-1");

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant,
            Collection = "students",
            RecordId = "stu-1",
            Fields = { ["email"] = Text("late@example.org") },
            UpdateMask = new FieldMask { Paths = { "email" } },
            ExpectedVersion = 4,
            Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Equal(stored, await _store.RecordAsync(tenant, "students", "stu-1"));
    }

    [Fact]
    public async Task Delete_then_get_is_not_found_and_the_document_is_gone()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();

        var deleted = await _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", ExpectedVersion = 1, Purpose = StudentRecords.Purpose,
        }).Within();

        Assert.Equal(("stu-1", false), (deleted.RecordId, deleted.Replayed));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.GetRecordAsync(GetRequest(tenant, "stu-1")).ResponseAsync);
        Assert.Null(await _store.RecordAsync(tenant, "students", "stu-1"));
    }

    [Fact]
    public async Task Delete_with_version_0_deletes_whatever_the_version()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        var replace = StudentRecords.Student(tenant, "stu-1", "Ada King", "ada@example.org", DateOfBirth);
        replace.ExpectedVersion = 1;
        await _clients.Records.PutRecordAsync(replace).Within();

        await _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).Within();

        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task Delete_with_the_wrong_expected_version_is_failed_precondition_and_keeps_the_record()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        var stored = await _store.RecordAsync(tenant, "students", "stu-1");

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", ExpectedVersion = 2, Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Contains("version 1, not the expected 2", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(stored, await _store.RecordAsync(tenant, "students", "stu-1"));
    }

    [Fact]
    public async Task Every_record_call_on_an_unknown_tenant_is_not_found_and_writes_nothing()
    {
        var known = await StudentRecords.CreateTenantAsync(_clients);
        var unknown = StudentRecords.NewTenantId("nowhere");
        var before = await _store.SnapshotAsync(unknown);

        await AssertNotFoundAsync("tenant", () => _clients.Records.GetRecordAsync(GetRequest(unknown, "stu-1")).ResponseAsync);
        await AssertNotFoundAsync("tenant", () => _clients.Records.PutRecordAsync(
            StudentRecords.Student(unknown, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).ResponseAsync);
        await AssertNotFoundAsync("tenant", () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = unknown, Collection = "students", RecordId = "stu-1", Fields = { ["email"] = Text("a@example.org") },
            UpdateMask = new FieldMask { Paths = { "email" } }, ExpectedVersion = 1, IdempotencyKey = "unknown-tenant-1", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await AssertNotFoundAsync("tenant", () => _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = unknown, Collection = "students", RecordId = "stu-1", IdempotencyKey = "unknown-tenant-2", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await AssertNotFoundAsync("tenant", () => _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = unknown, Collection = "students", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await AssertNotFoundAsync("tenant", () => _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = unknown }).ResponseAsync);

        Assert.Equal(before, await _store.SnapshotAsync(unknown));
        Assert.NotEqual(known, unknown);
    }

    [Fact]
    public async Task Every_record_call_on_an_unknown_collection_is_not_found()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var before = await _store.SnapshotAsync(tenant);

        await AssertNotFoundAsync("collection", () => _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = tenant, Collection = "library", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        var put = StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth);
        put.Collection = "library";
        await AssertNotFoundAsync("collection", () => _clients.Records.PutRecordAsync(put).ResponseAsync);
        await AssertNotFoundAsync("collection", () => _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "library", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await AssertNotFoundAsync("collection", () => _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "library", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await AssertNotFoundAsync("collection", () => _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "library" }).ResponseAsync);

        Assert.Equal(before, await _store.SnapshotAsync(tenant));
    }

    [Fact]
    public async Task Get_update_and_delete_of_an_unknown_record_are_not_found()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();

        await AssertNotFoundAsync("record 'stu-404'", () => _clients.Records.GetRecordAsync(GetRequest(tenant, "stu-404")).ResponseAsync);
        await AssertNotFoundAsync("record 'stu-404'", () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-404", Fields = { ["email"] = Text("a@example.org") },
            UpdateMask = new FieldMask { Paths = { "email" } }, ExpectedVersion = 1, Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await AssertNotFoundAsync("record 'stu-404'", () => _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-404", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Equal(["stu-1"], await _store.RecordIdsAsync(tenant, "students"));
    }

    [Fact]
    public async Task DefineSchema_for_an_unknown_tenant_is_not_found_and_writes_nothing()
    {
        var unknown = StudentRecords.NewTenantId("nowhere");
        var before = await _store.SnapshotAsync(unknown);

        await AssertNotFoundAsync("tenant", () => _clients.Schemas.DefineSchemaAsync(new DefineSchemaRequest
        {
            TenantId = unknown,
            Collection = "library",
            Fields = { new Contracts.V1.FieldDefinition { Name = "title", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" } },
        }).ResponseAsync);

        Assert.Equal(before, await _store.SnapshotAsync(unknown));
    }

    private Task<Record> GetAsync(string tenant, string recordId) => _clients.Records.GetRecordAsync(GetRequest(tenant, recordId)).Within();

    private static GetRecordRequest GetRequest(string tenant, string recordId) =>
        new() { TenantId = tenant, Collection = "students", RecordId = recordId, Purpose = StudentRecords.Purpose };

    private static async Task AssertNotFoundAsync(string what, Func<Task> call)
    {
        var error = await RpcAssert.FailsAsync(StatusCode.NotFound, call);
        Assert.Contains(what, error.Status.Detail, StringComparison.Ordinal);
    }

    private static Value Text(string value) => new() { StringValue = value };
}
