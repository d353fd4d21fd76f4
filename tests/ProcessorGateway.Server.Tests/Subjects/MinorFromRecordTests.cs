using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Record = ProcessorGateway.Contracts.V1.Record;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>
/// A minor by the record itself: the schema's minor field (the students template's <c>is_minor</c>, or a date of
/// birth read against the tenant's age of majority on the gateway's clock) makes personal fields need a live
/// consent for the purpose, to read and to write, as the subject profile's flag does.
/// </summary>
public sealed class MinorFromRecordTests(FakeClockGatewayFixture gateway) : IClassFixture<FakeClockGatewayFixture>
{
    /// <summary>A purpose that reads the student's name and date of birth, and that no write below consents to.</summary>
    private const string Reader = "academic";

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task The_students_template_names_is_minor_as_its_minor_field()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var schema = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within();
        Assert.Equal("is_minor", schema.MinorField);
    }

    [Fact]
    public async Task An_adults_record_is_written_and_read_without_consent()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();

        var read = await ReadAsync(tenant, "stu-1");
        Assert.Equal("Ada Lovelace", read.Fields["full_name"].StringValue);
        Assert.Equal(DateTimeOffset.UnixEpoch, read.Fields["date_of_birth"].TimestampValue.ToDateTimeOffset());
    }

    [Fact]
    public async Task A_minor_by_the_flag_field_needs_a_consent_to_read_their_personal_fields()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutMinorAsync(tenant, StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch, minor: true));

        var masked = await ReadAsync(tenant, "stu-1");
        AssertMasked(masked, "full_name", "date_of_birth");
        Assert.Equal("7", masked.Fields["grade_level"].StringValue);
        Assert.Empty((await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Purpose = Reader,
            Filters = { new FieldFilter { Field = "full_name", Equals_ = new Value { StringValue = "Ada Lovelace" } } },
        }).Within()).Records);

        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, "subj-stu-1", Reader)).Within();
        Assert.Equal("Ada Lovelace", (await ReadAsync(tenant, "stu-1")).Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task A_minor_by_date_of_birth_needs_a_consent_until_the_birthday_that_reaches_the_age_of_majority()
    {
        var tenant = await TenantMinorByBirthAsync();
        var today = DateOnly.FromDateTime(gateway.Clock.GetUtcNow().UtcDateTime);
        var born = new DateTimeOffset(today.AddYears(-18).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await PutMinorAsync(tenant, StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", born));
        AssertMasked(await ReadAsync(tenant, "stu-1"), "full_name", "date_of_birth");

        // The clock only moves forward; the other tests here do not depend on its day.
        gateway.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("Ada Lovelace", (await ReadAsync(tenant, "stu-1")).Fields["full_name"].StringValue);

        // The tenant's age of majority decides: at 21 the same person is a minor again.
        await _clients.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest { TenantId = tenant, AgeOfMajority = 21 }).Within();
        AssertMasked(await ReadAsync(tenant, "stu-1"), "full_name", "date_of_birth");
    }

    [Fact]
    public async Task A_write_of_a_minors_personal_field_without_consent_is_refused_naming_field_and_purpose_and_changes_nothing()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutMinorAsync(tenant, StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch, minor: true));
        var records = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
        var filter = new BsonDocument { { "t", tenant }, { "r", "stu-1" } };
        var before = (await records.Find(filter).SingleAsync()).ToJson();

        var correction = new UpdateRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = "communication", ExpectedVersion = 1,
            Fields = { ["email"] = new Value { StringValue = "other@example.org" } }, UpdateMask = new FieldMask { Paths = { "email" } },
        };
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.UpdateRecordAsync(correction).ResponseAsync);
        Assert.Contains("fields.email", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("consent covers purpose 'communication'", refused.Status.Detail, StringComparison.Ordinal);

        // Clearing the flag is no way round it: the record was a minor's.
        var unflag = correction.Clone();
        unflag.Fields["is_minor"] = new Value { BoolValue = false };
        unflag.UpdateMask.Paths.Add("is_minor");
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.UpdateRecordAsync(unflag).ResponseAsync);
        Assert.Equal(before, (await records.Find(filter).SingleAsync()).ToJson());

        // Plain fields need no consent.
        var plain = new UpdateRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = "communication", ExpectedVersion = 1,
            Fields = { ["grade_level"] = new Value { StringValue = "8" } }, UpdateMask = new FieldMask { Paths = { "grade_level" } },
        };
        Assert.Equal(2, (await _clients.Records.UpdateRecordAsync(plain).Within()).Version);
    }

    [Fact]
    public async Task A_put_of_a_minor_without_consent_writes_nothing_and_a_batch_refuses_only_that_row()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var minor = StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch, minor: true);
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.PutRecordAsync(minor).ResponseAsync);
        Assert.Contains("fields.", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"purpose '{StudentRecords.Purpose}'", refused.Status.Detail, StringComparison.Ordinal);

        var adult = StudentRecords.Student(tenant, "stu-2", "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch);
        var batch = await GatewayRpcs.BatchPutAsync(_clients, minor, adult);
        Assert.Equal((1, 1), (batch.Succeeded, batch.Failed));
        Assert.Equal((int)StatusCode.PermissionDenied, batch.Results.Single(r => r.Index == 0).Code);
        Assert.Equal(0, batch.Results.Single(r => r.Index == 1).Code);

        var records = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
        Assert.Equal(["stu-2"], (await records.Find(new BsonDocument("t", tenant)).ToListAsync()).Select(d => d["r"].AsString));
    }

    [Theory]
    [InlineData("full_name")]
    [InlineData("no_such_field")]
    public async Task A_minor_field_that_is_not_a_bool_or_timestamp_field_of_the_schema_is_invalid(string minorField)
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var define = await NextStudentsVersionAsync(tenant, minorField);
        await RpcAssert.InvalidArgumentAsync("minor_field", () => _clients.Schemas.DefineSchemaAsync(define).ResponseAsync);
        Assert.Equal(1, (await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within()).Version);
    }

    private async Task<string> TenantMinorByBirthAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var schema = await _clients.Schemas.DefineSchemaAsync(await NextStudentsVersionAsync(tenant, "date_of_birth")).Within();
        Assert.Equal("date_of_birth", schema.MinorField);
        return tenant;
    }

    private async Task<DefineSchemaRequest> NextStudentsVersionAsync(string tenant, string minorField)
    {
        var current = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within();
        return new DefineSchemaRequest
        {
            TenantId = tenant, Collection = "students", Fields = { current.Fields }, ExpectedVersion = current.Version,
            DataClass = current.DataClass, MinorField = minorField,
        };
    }

    /// <summary>Writes a minor's record under a consent for the writing purpose only, so reads for <see cref="Reader"/> have none.</summary>
    private async Task PutMinorAsync(string tenant, PutRecordRequest put)
    {
        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, put.SubjectId, put.Purpose)).Within();
        await _clients.Records.PutRecordAsync(put).Within();
    }

    private Task<Record> ReadAsync(string tenant, string recordId) => _clients.Records.GetRecordAsync(new GetRecordRequest
    {
        TenantId = tenant, Collection = "students", RecordId = recordId, Purpose = Reader,
    }).Within();

    private static void AssertMasked(Record read, params string[] fields)
    {
        foreach (var field in fields)
        {
            Assert.True(read.Fields[field].KindCase == Value.KindOneofCase.Masked, $"{field} of a minor without consent should be masked");
            Assert.Contains("minor", read.Fields[field].Masked.Reason, StringComparison.Ordinal);
        }
    }
}
