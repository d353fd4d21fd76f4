using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Validation;

/// <summary>
/// Bad input on every RPC that takes input: each case spoils one thing in an otherwise valid request and
/// expects INVALID_ARGUMENT whose message and BadRequest detail name that field, and nothing written.
/// </summary>
public sealed class BadInputTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Stored = "stu-1";
    private const string PutKey = "put-key-0001";

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    private static readonly Dictionary<string, string> BadTenantIds = new()
    {
        ["empty"] = "",
        ["uppercase"] = "School-a",
        ["dollar"] = "sch$ool",
        ["dot"] = "sch.ool",
        ["nul"] = "sch\0ool",
        ["leading_hyphen"] = "-school",
        ["too_long"] = new string('a', 64),
    };

    private static readonly Dictionary<string, string> BadNames = new()
    {
        ["empty"] = "",
        ["uppercase"] = "Students",
        ["dollar"] = "$students",
        ["dot"] = "stu.dents",
        ["nul"] = "stu\0dents",
        ["leading_digit"] = "1students",
        ["too_long"] = new string('a', 65),
    };

    private static readonly Dictionary<string, string> BadRecordIds = new()
    {
        ["empty"] = "",
        ["dollar"] = "$x",
        ["dot"] = "a.b",
        ["slash"] = "a/b",
        ["nul"] = "a\0b",
        ["too_long"] = new string('a', 129),
    };

    private static readonly Dictionary<string, string> BadSubjectIds = new()
    {
        ["dollar"] = "$x",
        ["dot"] = "a.b",
        ["slash"] = "a/b",
        ["nul"] = "a\0b",
        ["too_long"] = new string('a', 129),
    };

    private static readonly Dictionary<string, string> BadIdempotencyKeys = new()
    {
        ["too_short"] = "abc-123",
        ["dollar"] = "key$abcdef",
        ["dot"] = "key.abcdef",
        ["too_long"] = new string('k', 129),
    };

    private static readonly string TooLongString = new('x', (64 * 1024) + 1);

    // ---- TenantService ----

    private static readonly Cases<CreateTenantRequest> CreateTenant = new Cases<CreateTenantRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .One("display_name: empty", "display_name", r => r.DisplayName = "")
        .One("display_name: blank", "display_name", r => r.DisplayName = "   ")
        .One("display_name: control character", "display_name", r => r.DisplayName = "Test\nSchool")
        .One("display_name: too long", "display_name", r => r.DisplayName = new string('n', 201))
        .One("templates: unknown", "templates[0]", r => r.Templates.Add("library"))
        .One("templates: second unknown", "templates[1]", r => r.Templates.Add(["students", "Students"]));

    private static readonly Cases<GetTenantRequest> GetTenant = new Cases<GetTenantRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v);

    public static TheoryData<string> CreateTenantCases => CreateTenant.Names();

    public static TheoryData<string> GetTenantCases => GetTenant.Names();

    [Theory]
    [MemberData(nameof(CreateTenantCases))]
    public Task CreateTenant_with_bad_input_is_invalid_argument_naming_the_field_and_writes_nothing(string @case) =>
        RejectsAsync(CreateTenant[@case], _ => new CreateTenantRequest { TenantId = StudentRecords.NewTenantId(), DisplayName = "Test School" },
            r => _clients.Tenants.CreateTenantAsync(r).ResponseAsync);

    [Theory]
    [MemberData(nameof(GetTenantCases))]
    public Task GetTenant_with_bad_input_is_invalid_argument_naming_the_field(string @case) =>
        RejectsAsync(GetTenant[@case], t => new GetTenantRequest { TenantId = t }, r => _clients.Tenants.GetTenantAsync(r).ResponseAsync);

    // ---- SchemaService ----

    private static readonly Cases<DefineSchemaRequest> DefineSchema = new Cases<DefineSchemaRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .One("fields: none", "fields", r => r.Fields.Clear())
        .One("fields: duplicate name", "fields[1].name", r => r.Fields.Add(Field("title")))
        .One("fields: name empty", "fields[0].name", r => r.Fields[0].Name = "")
        .One("fields: name $set", "fields[0].name", r => r.Fields[0].Name = "$set")
        .One("fields: name with dot", "fields[0].name", r => r.Fields[0].Name = "a.b")
        .One("fields: name with NUL", "fields[0].name", r => r.Fields[0].Name = "ti\0tle")
        .One("fields: name uppercase", "fields[0].name", r => r.Fields[0].Name = "Title")
        .One("fields: type unspecified", "fields[0].type", r => r.Fields[0].Type = FieldType.Unspecified)
        .One("fields: type unknown number", "fields[0].type", r => r.Fields[0].Type = (FieldType)99)
        .One("fields: type unknown number 257", "fields[0].type", r => r.Fields[0].Type = (FieldType)257)
        .One("fields: class unspecified", "fields[0].field_class", r => r.Fields[0].FieldClass = FieldClass.Unspecified)
        .One("fields: class unknown number", "fields[0].field_class", r => r.Fields[0].FieldClass = (FieldClass)99)
        .One("fields: personal without purposes", "fields[0].purposes", r => r.Fields[0].FieldClass = FieldClass.Personal)
        .One("fields: sensitive without purposes", "fields[0].purposes", r => r.Fields[0].FieldClass = FieldClass.Sensitive)
        .One("fields: purpose uppercase", "fields[0].purposes[0]", r => r.Fields[0].Purposes.Add("Fees"))
        .One("fields: second purpose with dollar", "fields[0].purposes[1]", r => r.Fields[0].Purposes.Add(["fees", "$where"]))
        .One("fields: data_category empty", "fields[0].data_category", r => r.Fields[0].DataCategory = "")
        .One("fields: data_category uppercase", "fields[0].data_category", r => r.Fields[0].DataCategory = "Contact")
        .One("fields: data_category with dot", "fields[0].data_category", r => r.Fields[0].DataCategory = "con.tact")
        .One("fields: data_category with dollar", "fields[0].data_category", r => r.Fields[0].DataCategory = "$contact")
        .One("fields: retention negative", "fields[0].retention_days", r => r.Fields[0].RetentionDays = -1)
        .One("fields: searchable double", "fields[0].field_class", r =>
        {
            r.Fields[0].Type = FieldType.Double;
            r.Fields[0].FieldClass = FieldClass.PersonalSearchable;
            r.Fields[0].Purposes.Add("academic");
        })
        .One("fields: bad second field", "fields[1].name", r => r.Fields.Add(Field("$bad")))
        .One("expected_version: negative", "expected_version", r => r.ExpectedVersion = -1)
        .One("new version: changes a field's type", "fields[0].type", r => NextStudentsVersion(r, f => f.Type = FieldType.Int64))
        .One("new version: changes a field's class", "fields[0].field_class", r => NextStudentsVersion(r, f => f.FieldClass = FieldClass.Personal));

    private static readonly Cases<GetSchemaRequest> GetSchema = new Cases<GetSchemaRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .One("version: negative", "version", r => r.Version = -1);

    private static readonly Cases<ListSchemasRequest> ListSchemas = new Cases<ListSchemasRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v);

    public static TheoryData<string> DefineSchemaCases => DefineSchema.Names();

    public static TheoryData<string> GetSchemaCases => GetSchema.Names();

    public static TheoryData<string> ListSchemasCases => ListSchemas.Names();

    [Theory]
    [MemberData(nameof(DefineSchemaCases))]
    public Task DefineSchema_with_bad_input_is_invalid_argument_naming_the_field_and_writes_nothing(string @case) =>
        RejectsAsync(DefineSchema[@case], t => new DefineSchemaRequest { TenantId = t, Collection = "library", Fields = { Field("title") } },
            r => _clients.Schemas.DefineSchemaAsync(r).ResponseAsync);

    [Theory]
    [MemberData(nameof(GetSchemaCases))]
    public Task GetSchema_with_bad_input_is_invalid_argument_naming_the_field(string @case) =>
        RejectsAsync(GetSchema[@case], t => new GetSchemaRequest { TenantId = t, Collection = "students" },
            r => _clients.Schemas.GetSchemaAsync(r).ResponseAsync);

    [Theory]
    [MemberData(nameof(ListSchemasCases))]
    public Task ListSchemas_with_bad_input_is_invalid_argument_naming_the_field(string @case) =>
        RejectsAsync(ListSchemas[@case], t => new ListSchemasRequest { TenantId = t }, r => _clients.Schemas.ListSchemasAsync(r).ResponseAsync);

    // ---- RecordService: writes ----

    private static readonly Cases<PutRecordRequest> Put = new Cases<PutRecordRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .Each("record_id", BadRecordIds, (r, v) => r.RecordId = v)
        .Each("subject_id", BadSubjectIds, (r, v) => r.SubjectId = v)
        .Each("purpose", BadNames, (r, v) => r.Purpose = v)
        .Each("idempotency_key", BadIdempotencyKeys, (r, v) => r.IdempotencyKey = v)
        .One("expected_version: negative", "expected_version", r => r.ExpectedVersion = -1)
        .One("fields: name $set", "fields", r => r.Fields["$set"] = Text("x"))
        .One("fields: name with dot", "fields", r => r.Fields["a.b"] = Text("x"))
        .One("fields: name with NUL", "fields", r => r.Fields["a\0b"] = Text("x"))
        .One("fields: unknown field", "fields.nickname", r => r.Fields["nickname"] = Text("Ada"))
        .One("fields: too many", "fields", r =>
        {
            for (var i = 0; i < 201; i++)
            {
                r.Fields[$"extra_{i}"] = Text("x");
            }
        })
        .One("fields: string field given an int64", "fields.full_name", r => r.Fields["full_name"] = new Value { Int64Value = 7 })
        .One("fields: bool field given a string", "fields.is_minor", r => r.Fields["is_minor"] = Text("true"))
        .One("fields: timestamp field given a string", "fields.date_of_birth", r => r.Fields["date_of_birth"] = Text("2012-03-14"))
        .One("fields: empty value", "fields.full_name", r => r.Fields["full_name"] = new Value())
        .One("fields: masked value sent in a request", "fields.email", r => r.Fields["email"] = new Value { Masked = new Masked { Reason = "mine" } })
        .One("fields: string too long", "fields.full_name", r => r.Fields["full_name"] = Text(TooLongString))
        .One("fields: string with NUL", "fields.grade_level", r => r.Fields["grade_level"] = Text("7\0"))
        .One("fields: timestamp nanos negative", "fields.date_of_birth", r => r.Fields["date_of_birth"] = Time(0, -1))
        .One("fields: timestamp nanos too large", "fields.date_of_birth", r => r.Fields["date_of_birth"] = Time(0, 1_000_000_000))
        .One("fields: timestamp before year 1", "fields.date_of_birth", r => r.Fields["date_of_birth"] = Time(-62_135_596_801, 0))
        .One("fields: timestamp after year 9999", "fields.date_of_birth", r => r.Fields["date_of_birth"] = Time(253_402_300_800, 0))
        .One("fields: required field missing", "fields.full_name", r => r.Fields.Remove("full_name"))
        .One("fields: double NaN", "fields.score", r => Grade(r, double.NaN))
        .One("fields: double infinite", "fields.score", r => Grade(r, double.PositiveInfinity))
        .One("fields: string list item with NUL", "fields.student_ids", r => Guardian(r, "stu-1", "stu\0-2"))
        .One("fields: string list item too long", "fields.student_ids", r => Guardian(r, TooLongString));

    public static TheoryData<string> PutCases => Put.Names();

    [Theory]
    [MemberData(nameof(PutCases))]
    public Task PutRecord_with_bad_input_is_invalid_argument_naming_the_field_and_writes_nothing(string @case) =>
        RejectsAsync(Put[@case], ValidPut, r => _clients.Records.PutRecordAsync(r).ResponseAsync);

    /// <summary>The same bad rows, one at a time through the batch stream: the item fails alone, with PutRecord's code and message.</summary>
    [Theory]
    [MemberData(nameof(PutCases))]
    public async Task BatchPutRecords_with_a_bad_item_fails_that_item_naming_the_field_and_writes_nothing(string @case)
    {
        var tenant = await SharedTenant.WithStudentAsync(gateway);
        var bad = Put[@case];
        var request = ValidPut(tenant);
        bad.Spoil(request);
        var before = await _store.SnapshotAsync(tenant);

        using var call = _clients.Records.BatchPutRecords();
        await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = request });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync.WaitAsync(RpcAssert.Timeout);

        var result = Assert.Single(response.Results);
        Assert.Equal(0, result.Index);
        Assert.True(result.Code == (int)StatusCode.InvalidArgument, $"expected code 3, got {result.Code}: {result.Message}");
        Assert.StartsWith(bad.Field + ":", result.Message, StringComparison.Ordinal);
        Assert.Equal((0, 1), (response.Succeeded, response.Failed));
        Assert.Equal(before, await _store.SnapshotAsync(tenant));
    }

    private static readonly Cases<UpdateRecordRequest> Update = new Cases<UpdateRecordRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .Each("record_id", BadRecordIds, (r, v) => r.RecordId = v)
        .Each("purpose", BadNames, (r, v) => r.Purpose = v)
        .Each("idempotency_key", BadIdempotencyKeys, (r, v) => r.IdempotencyKey = v)
        .One("expected_version: negative", "expected_version", r => r.ExpectedVersion = -1)
        .One("expected_version: missing", "expected_version", r => r.ExpectedVersion = 0)
        .One("update_mask: missing", "update_mask", r => r.UpdateMask = null)
        .One("update_mask: empty", "update_mask", r => r.UpdateMask.Paths.Clear())
        .One("update_mask: unknown field", "update_mask.paths[0]", r => r.UpdateMask.Paths[0] = "nickname")
        .One("update_mask: $set", "update_mask.paths[0]", r => r.UpdateMask.Paths[0] = "$set")
        .One("update_mask: dotted path", "update_mask.paths[0]", r => r.UpdateMask.Paths[0] = "email.domain")
        .One("update_mask: second path unknown", "update_mask.paths[1]", r => r.UpdateMask.Paths.Add("nickname"))
        .One("fields: field not in update_mask", "fields.phone", r => r.Fields["phone"] = Text("+44 20 7946 0000"))
        .One("fields: $set not in update_mask", "fields", r => r.Fields["$set"] = Text("x"))
        .One("fields: wrong type", "fields.email", r => r.Fields["email"] = new Value { BoolValue = true })
        .One("fields: empty value", "fields.email", r => r.Fields["email"] = new Value())
        .One("fields: masked value sent in a request", "fields.email", r => r.Fields["email"] = new Value { Masked = new Masked { Reason = "mine" } })
        .One("fields: string too long", "fields.email", r => r.Fields["email"] = Text(TooLongString))
        .One("fields: timestamp nanos out of range", "fields.date_of_birth", r =>
        {
            r.UpdateMask.Paths.Add("date_of_birth");
            r.Fields["date_of_birth"] = Time(0, 1_000_000_000);
        });

    public static TheoryData<string> UpdateCases => Update.Names();

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public Task UpdateRecord_with_bad_input_is_invalid_argument_naming_the_field_and_writes_nothing(string @case) =>
        RejectsAsync(Update[@case], t => new UpdateRecordRequest
        {
            TenantId = t,
            Collection = "students",
            RecordId = Stored,
            Fields = { ["email"] = Text("ada.new@example.org") },
            UpdateMask = new FieldMask { Paths = { "email" } },
            ExpectedVersion = 1,
            IdempotencyKey = "upd-key-0001",
            Purpose = StudentRecords.Purpose,
        }, r => _clients.Records.UpdateRecordAsync(r).ResponseAsync);

    private static readonly Cases<DeleteRecordRequest> Delete = new Cases<DeleteRecordRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .Each("record_id", BadRecordIds, (r, v) => r.RecordId = v)
        .Each("purpose", BadNames, (r, v) => r.Purpose = v)
        .Each("idempotency_key", BadIdempotencyKeys, (r, v) => r.IdempotencyKey = v)
        .One("expected_version: negative", "expected_version", r => r.ExpectedVersion = -1);

    public static TheoryData<string> DeleteCases => Delete.Names();

    [Theory]
    [MemberData(nameof(DeleteCases))]
    public Task DeleteRecord_with_bad_input_is_invalid_argument_naming_the_field_and_writes_nothing(string @case) =>
        RejectsAsync(Delete[@case], t => new DeleteRecordRequest
        {
            TenantId = t,
            Collection = "students",
            RecordId = Stored,
            ExpectedVersion = 1,
            IdempotencyKey = "del-key-0001",
            Purpose = StudentRecords.Purpose,
        }, r => _clients.Records.DeleteRecordAsync(r).ResponseAsync);

    // ---- RecordService: reads ----

    private static readonly Cases<GetRecordRequest> Get = new Cases<GetRecordRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .Each("record_id", BadRecordIds, (r, v) => r.RecordId = v)
        .Each("purpose", BadNames, (r, v) => r.Purpose = v);

    public static TheoryData<string> GetCases => Get.Names();

    [Theory]
    [MemberData(nameof(GetCases))]
    public Task GetRecord_with_bad_input_is_invalid_argument_naming_the_field(string @case) =>
        RejectsAsync(Get[@case], t => new GetRecordRequest { TenantId = t, Collection = "students", RecordId = Stored, Purpose = StudentRecords.Purpose },
            r => _clients.Records.GetRecordAsync(r).ResponseAsync);

    private static readonly Cases<QueryRecordsRequest> Query = new Cases<QueryRecordsRequest>()
        .Each("tenant_id", BadTenantIds, (r, v) => r.TenantId = v)
        .Each("collection", BadNames, (r, v) => r.Collection = v)
        .Each("subject_id", BadSubjectIds, (r, v) => r.SubjectId = v)
        .Each("purpose", BadNames, (r, v) => r.Purpose = v)
        .One("page_size: negative", "page_size", r => r.PageSize = -1)
        .One("page_size: above 500", "page_size", r => r.PageSize = 501)
        .One("page_token: not a token", "page_token", r => r.PageToken = "not-a-token")
        .One("page_token: too long", "page_token", r => r.PageToken = new string('A', 5000))
        .One("filters: too many", "filters", r =>
        {
            for (var i = 0; i < 16; i++)
            {
                r.Filters.Add(Filter("grade_level", Text("7")));
            }
        })
        .One("filters: personal field", "filters[0].field", r => r.Filters[0] = Filter("phone", Text("+44 20 7946 0000")))
        .One("filters: personal timestamp field", "filters[0].field", r => r.Filters[0] = Filter("date_of_birth", Time(0, 0)))
        .One("filters: sensitive field", "filters[0].field", r => r.Filters[0] = Filter("national_id", Text("X123")))
        .One("filters: unknown field", "filters[0].field", r => r.Filters[0] = Filter("nickname", Text("Ada")))
        .One("filters: field empty", "filters[0].field", r => r.Filters[0] = Filter("", Text("Ada")))
        .One("filters: field $where", "filters[0].field", r => r.Filters[0] = Filter("$where", Text("1")))
        .One("filters: dotted field", "filters[0].field", r => r.Filters[0] = Filter("full_name.first", Text("Ada")))
        .One("filters: second filter bad", "filters[1].field", r => r.Filters.Add(Filter("phone", Text("1"))))
        .One("filters: empty value", "filters[0].equals", r => r.Filters[0] = Filter("grade_level", new Value()))
        .One("filters: no value", "filters[0].equals", r => r.Filters[0] = new FieldFilter { Field = "grade_level" })
        .One("filters: wrong type", "filters[0].equals", r => r.Filters[0] = Filter("grade_level", new Value { Int64Value = 7 }))
        .One("filters: masked value", "filters[0].equals", r => r.Filters[0] = Filter("full_name", new Value { Masked = new Masked() }))
        .One("filters: string too long", "filters[0].equals", r => r.Filters[0] = Filter("full_name", Text(TooLongString)))
        .One("filters: timestamp nanos out of range", "filters[0].equals", r => r.Filters[0] = Filter("date_of_birth", Time(0, -5)));

    public static TheoryData<string> QueryCases => Query.Names();

    [Theory]
    [MemberData(nameof(QueryCases))]
    public Task QueryRecords_with_bad_input_is_invalid_argument_naming_the_field(string @case) =>
        RejectsAsync(Query[@case], t => new QueryRecordsRequest
        {
            TenantId = t,
            Collection = "students",
            Filters = { Filter("grade_level", Text("7")) },
            PageSize = 10,
            Purpose = StudentRecords.Purpose,
        }, r => _clients.Records.QueryRecordsAsync(r).ResponseAsync);

    [Fact]
    public async Task The_valid_requests_the_cases_spoil_are_accepted()
    {
        // Guards the tables above: each case must fail for the one thing it spoils, not for the base request.
        var tenant = await SharedTenant.WithStudentAsync(gateway);
        var before = await _store.SnapshotAsync(tenant);
        await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Filters = { Filter("grade_level", Text("7")) }, PageSize = 10, Purpose = StudentRecords.Purpose,
        }).Within();
        await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = Stored, Purpose = StudentRecords.Purpose }).Within();
        await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within();
        await _clients.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = tenant }).Within();
        await _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within();
        Assert.Equal(before, await _store.SnapshotAsync(tenant));

        var other = await StudentRecords.CreateTenantWithTemplatesAsync(_clients, StudentRecords.AllTemplates);
        var put = await _clients.Records.PutRecordAsync(ValidPut(other)).Within();
        Assert.Equal(1, put.Version);
        var grade = ValidPut(other);
        grade.IdempotencyKey = "";
        Grade(grade, 91.5);
        await _clients.Records.PutRecordAsync(grade).Within();
        var guardian = ValidPut(other);
        guardian.IdempotencyKey = "";
        Guardian(guardian, "stu-1");
        await _clients.Records.PutRecordAsync(guardian).Within();
        var define = new DefineSchemaRequest { TenantId = other, Collection = "library", Fields = { Field("title") } };
        await _clients.Schemas.DefineSchemaAsync(define).Within();
        await _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = other, Collection = "students", RecordId = "stu-new", Fields = { ["email"] = Text("ada.new@example.org") },
            UpdateMask = new FieldMask { Paths = { "email" } }, ExpectedVersion = 1, IdempotencyKey = "upd-key-0001", Purpose = StudentRecords.Purpose,
        }).Within();
        await _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = other, Collection = "students", RecordId = "stu-new", ExpectedVersion = 2, IdempotencyKey = "del-key-0001", Purpose = StudentRecords.Purpose,
        }).Within();
        var next = new DefineSchemaRequest { TenantId = other };
        NextStudentsVersion(next, _ => { });
        await _clients.Schemas.DefineSchemaAsync(next).Within();
    }

    // ---- the harness ----

    private async Task RejectsAsync<TRequest>(Bad<TRequest> bad, Func<string, TRequest> valid, Func<TRequest, Task> call)
    {
        var tenant = await SharedTenant.WithStudentAsync(gateway);
        var request = valid(tenant);
        bad.Spoil(request);
        var before = await _store.SnapshotAsync(tenant);

        await RpcAssert.InvalidArgumentAsync(bad.Field, () => call(request));

        Assert.Equal(before, await _store.SnapshotAsync(tenant));
    }

    private static PutRecordRequest ValidPut(string tenant)
    {
        var request = StudentRecords.Student(tenant, "stu-new", "Grace Hopper", "grace@example.org", new DateTimeOffset(2012, 3, 14, 0, 0, 0, TimeSpan.Zero));
        request.IdempotencyKey = PutKey;
        return request;
    }

    private static void Grade(PutRecordRequest request, double score)
    {
        request.Collection = "grades";
        request.Purpose = "academic";
        request.Fields.Clear();
        request.Fields.Add(new Dictionary<string, Value>
        {
            ["term"] = Text("2026-autumn"),
            ["subject"] = Text("maths"),
            ["score"] = new Value { DoubleValue = score },
        });
    }

    private static void Guardian(PutRecordRequest request, params string[] studentIds)
    {
        request.Collection = "guardians";
        request.Purpose = "support";
        request.Fields.Clear();
        request.Fields.Add(new Dictionary<string, Value>
        {
            ["full_name"] = Text("Mary Hopper"),
            ["student_ids"] = new Value { StringListValue = new StringList { Values = { studentIds } } },
        });
    }

    /// <summary>Turns the request into version 2 of the tenant's students schema, keeping only full_name, changed by <paramref name="change"/>.</summary>
    private static void NextStudentsVersion(DefineSchemaRequest request, Action<Contracts.V1.FieldDefinition> change)
    {
        request.Collection = "students";
        request.ExpectedVersion = 1;
        request.Fields.Clear();
        var fullName = new Contracts.V1.FieldDefinition
        {
            Name = "full_name",
            Type = FieldType.String,
            FieldClass = FieldClass.PersonalSearchable,
            DataCategory = "identity",
            Purposes = { StudentRecords.Purpose },
            Required = true,
        };
        change(fullName);
        request.Fields.Add(fullName);
        request.Fields.Add(Field("grade_level"));
    }

    private static Contracts.V1.FieldDefinition Field(string name) => new()
    {
        Name = name,
        Type = FieldType.String,
        FieldClass = FieldClass.Plain,
        DataCategory = "academic",
    };

    private static Value Text(string value) => new() { StringValue = value };

    private static Value Time(long seconds, int nanos) => new() { TimestampValue = new Timestamp { Seconds = seconds, Nanos = nanos } };

    private static FieldFilter Filter(string field, Value equals) => new() { Field = field, Equals_ = equals };

    private sealed record Bad<TRequest>(string Field, Action<TRequest> Spoil);

    /// <summary>Named cases for one request type; the names are the theory data, so each case is its own test.</summary>
    private sealed class Cases<TRequest>
    {
        private readonly Dictionary<string, Bad<TRequest>> _cases = new(StringComparer.Ordinal);

        public Bad<TRequest> this[string name] => _cases[name];

        public Cases<TRequest> Each(string field, IReadOnlyDictionary<string, string> values, Action<TRequest, string> set)
        {
            foreach (var (name, value) in values)
            {
                _cases.Add($"{field}: {name}", new Bad<TRequest>(field, r => set(r, value)));
            }

            return this;
        }

        public Cases<TRequest> One(string name, string field, Action<TRequest> spoil)
        {
            _cases.Add(name, new Bad<TRequest>(field, spoil));
            return this;
        }

        public TheoryData<string> Names()
        {
            var names = new TheoryData<string>();
            foreach (var name in _cases.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }
}
