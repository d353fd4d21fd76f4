using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Record = ProcessorGateway.Contracts.V1.Record;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Tenants;

/// <summary>One institution's records are out of reach through another's id, by query, and by copying ciphertext.</summary>
public sealed class TenantIsolationTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string SecretName = "Zenobia Quartermaine";

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task A_record_of_tenant_a_is_not_found_through_tenant_b_and_b_cannot_change_it()
    {
        var (a, b) = await TwoTenantsAsync();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-1", SecretName, "zenobia@example.org", DateTimeOffset.UnixEpoch)).Within();
        var stored = await _store.RecordAsync(a, "students", "stu-1");

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = b, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = b, Collection = "students", RecordId = "stu-1", Fields = { ["email"] = new Value { StringValue = "taken@example.org" } },
            UpdateMask = new FieldMask { Paths = { "email" } }, ExpectedVersion = 1, Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = b, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Equal(stored, await _store.RecordAsync(a, "students", "stu-1"));
    }

    [Fact]
    public async Task The_same_record_id_in_two_tenants_is_two_records()
    {
        var (a, b) = await TwoTenantsAsync();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-1", SecretName, "zenobia@example.org", DateTimeOffset.UnixEpoch)).Within();

        var put = await _clients.Records.PutRecordAsync(StudentRecords.Student(b, "stu-1", "Other Pupil", "other@example.org", DateTimeOffset.UnixEpoch)).Within();

        Assert.Equal(1, put.Version);
        Assert.Equal(SecretName, (await GetAsync(a, "stu-1")).Fields["full_name"].StringValue);
        Assert.Equal("Other Pupil", (await GetAsync(b, "stu-1")).Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task A_query_on_tenant_b_never_returns_tenant_a_records()
    {
        var (a, b) = await TwoTenantsAsync();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-1", SecretName, "zenobia@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-2", "Second Pupil", "second@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(b, "stu-9", "Bee Pupil", "bee@example.org", DateTimeOffset.UnixEpoch)).Within();

        var all = await QueryAsync(b);
        var byPlain = await QueryAsync(b, new FieldFilter { Field = "grade_level", Equals_ = new Value { StringValue = "7" } });
        var byName = await QueryAsync(b, new FieldFilter { Field = "full_name", Equals_ = new Value { StringValue = SecretName } });
        var bySubject = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = b, Collection = "students", SubjectId = "subj-stu-1", Purpose = StudentRecords.Purpose,
        }).Within();

        Assert.Equal(["stu-9"], all.Records.Select(r => r.RecordId));
        Assert.Equal(["stu-9"], byPlain.Records.Select(r => r.RecordId));
        Assert.Empty(byName.Records);
        Assert.Empty(bySubject.Records);
        Assert.All(all.Records.Concat(byPlain.Records), r => Assert.Equal(b, r.TenantId));
        Assert.Equal(2, (await QueryAsync(a)).Records.Count);
    }

    [Fact]
    public async Task A_ciphertext_copied_from_tenant_a_into_tenant_b_fails_to_decrypt_and_never_reads_as_plaintext()
    {
        var (a, b) = await TwoTenantsAsync();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-1", SecretName, "zenobia@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(b, "stu-1", "Bee Pupil", "bee@example.org", DateTimeOffset.UnixEpoch)).Within();
        var source = await _store.RecordAsync(a, "students", "stu-1");
        var update = await _store.Records.UpdateOneAsync(RawStore.RecordFilter(b, "students", "stu-1"),
            new BsonDocument("$set", new BsonDocument("e.full_name", source!["e"]["full_name"])));
        Assert.Equal(1, update.ModifiedCount);

        var get = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = b, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);
        var query = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = b, Collection = "students", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        foreach (var error in new[] { get, query })
        {
            Assert.DoesNotContain("Zenobia", error.Status.Detail, StringComparison.Ordinal);
        }

        // A purpose that may not read the field never decrypts it, so the rest of the record stays readable.
        var masked = await _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = b, Collection = "students", RecordId = "stu-1", Purpose = "analytics",
        }).Within();
        Assert.Equal(Value.KindOneofCase.Masked, masked.Fields["full_name"].KindCase);
        Assert.Equal(SecretName, (await GetAsync(a, "stu-1")).Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task A_ciphertext_copied_to_another_record_of_the_same_tenant_fails_to_decrypt()
    {
        var (a, _) = await TwoTenantsAsync();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-1", SecretName, "zenobia@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(a, "stu-2", "Second Pupil", "second@example.org", DateTimeOffset.UnixEpoch)).Within();
        var source = await _store.RecordAsync(a, "students", "stu-1");
        await _store.Records.UpdateOneAsync(RawStore.RecordFilter(a, "students", "stu-2"),
            new BsonDocument("$set", new BsonDocument { { "e.full_name", source!["e"]["full_name"] }, { "e.email", source["e"]["full_name"] } }));

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = a, Collection = "students", RecordId = "stu-2", Purpose = StudentRecords.Purpose,
        }).ResponseAsync);

        Assert.Contains("could not be decrypted", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Zenobia", error.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<(string A, string B)> TwoTenantsAsync() =>
        (await StudentRecords.CreateTenantAsync(_clients), await StudentRecords.CreateTenantAsync(_clients));

    private Task<Record> GetAsync(string tenant, string recordId) => _clients.Records.GetRecordAsync(new GetRecordRequest
    {
        TenantId = tenant, Collection = "students", RecordId = recordId, Purpose = StudentRecords.Purpose,
    }).Within();

    private Task<QueryRecordsResponse> QueryAsync(string tenant, params FieldFilter[] filters) =>
        _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Filters = { filters }, Purpose = StudentRecords.Purpose,
        }).Within();
}
