using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>Retries with the same idempotency key: answered from the first result, written once.</summary>
public sealed class IdempotencyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const int Duplicates = 8;
    private static readonly DateTimeOffset DateOfBirth = new(2012, 3, 14, 0, 0, 0, TimeSpan.Zero);

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task Put_retried_with_the_same_key_replays_the_first_result_and_writes_once()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-1", "put-retry-0001");

        var first = await _clients.Records.PutRecordAsync(put).Within();
        var retry = await _clients.Records.PutRecordAsync(put).Within();

        Assert.Equal(("stu-1", 1L, false), (first.RecordId, first.Version, first.Replayed));
        Assert.Equal(("stu-1", 1L, true), (retry.RecordId, retry.Version, retry.Replayed));
        var raw = await _store.RecordAsync(tenant, "students", "stu-1");
        Assert.Equal(1, raw!["v"].AsInt64);
        var entry = await _store.IdempotencyAsync(tenant, "put-retry-0001");
        Assert.True(entry!["done"].AsBoolean);
        Assert.Equal(1, entry["v"].AsInt64);
    }

    [Fact]
    public async Task Same_key_with_a_different_request_is_failed_precondition_and_changes_nothing()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(Student(tenant, "stu-1", "put-reuse-0001")).Within();
        var stored = await _store.RecordAsync(tenant, "students", "stu-1");

        var otherName = Student(tenant, "stu-1", "put-reuse-0001");
        otherName.Fields["full_name"] = new Value { StringValue = "Ada King" };
        var otherRecord = Student(tenant, "stu-2", "put-reuse-0001");
        var asReplace = Student(tenant, "stu-1", "put-reuse-0001");
        asReplace.ExpectedVersion = 1;
        var asDelete = new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", IdempotencyKey = "put-reuse-0001", Purpose = StudentRecords.Purpose,
        };

        foreach (var call in new Func<Task>[]
        {
            () => _clients.Records.PutRecordAsync(otherName).ResponseAsync,
            () => _clients.Records.PutRecordAsync(otherRecord).ResponseAsync,
            () => _clients.Records.PutRecordAsync(asReplace).ResponseAsync,
            () => _clients.Records.DeleteRecordAsync(asDelete).ResponseAsync,
        })
        {
            var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, call);
            Assert.StartsWith("idempotency_key", error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(stored, await _store.RecordAsync(tenant, "students", "stu-1"));
        Assert.Equal(["stu-1"], await _store.RecordIdsAsync(tenant, "students"));
    }

    [Fact]
    public async Task The_same_key_in_another_tenant_is_a_different_key()
    {
        var first = await StudentRecords.CreateTenantAsync(_clients);
        var second = await StudentRecords.CreateTenantAsync(_clients);

        var a = await _clients.Records.PutRecordAsync(Student(first, "stu-1", "shared-key-0001")).Within();
        var b = await _clients.Records.PutRecordAsync(Student(second, "stu-1", "shared-key-0001")).Within();

        Assert.False(a.Replayed);
        Assert.False(b.Replayed);
        Assert.Equal(1, await _store.CountRecordsAsync(second));
    }

    [Fact]
    public async Task Concurrent_duplicate_puts_all_succeed_with_the_same_version_and_write_once()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-1", "put-race-0001");

        var results = await Task.WhenAll(Enumerable.Range(0, Duplicates).Select(_ => _clients.Records.PutRecordAsync(put).ResponseAsync))
            .WaitAsync(RpcAssert.Timeout);

        Assert.All(results, r => Assert.Equal(("stu-1", 1L), (r.RecordId, r.Version)));
        Assert.Single(results, r => !r.Replayed);
        Assert.Equal(1, (await _store.RecordAsync(tenant, "students", "stu-1"))!["v"].AsInt64);
        Assert.Equal(1, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task Put_retried_after_a_crash_between_write_and_completion_replays_the_write()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-1", "put-crash-0001");
        await _clients.Records.PutRecordAsync(put).Within();
        // As if the gateway died after writing the record and before completing the key.
        await _store.IdempotencyKeys.UpdateOneAsync(new BsonDocument { { "t", tenant }, { "k", "put-crash-0001" } },
            new BsonDocument("$set", new BsonDocument { { "done", false }, { "v", 0L } }));

        var retry = await _clients.Records.PutRecordAsync(put).Within();

        Assert.Equal((1L, true), (retry.Version, retry.Replayed));
        Assert.Equal(1, (await _store.RecordAsync(tenant, "students", "stu-1"))!["v"].AsInt64);
        var entry = await _store.IdempotencyAsync(tenant, "put-crash-0001");
        Assert.True(entry!["done"].AsBoolean);
        Assert.Equal(1, entry["v"].AsInt64);
    }

    [Fact]
    public async Task Update_retried_with_the_same_key_replays_the_first_result_and_writes_once()
    {
        var tenant = await SeededAsync();
        var update = Correction(tenant, "upd-retry-0001");

        var first = await _clients.Records.UpdateRecordAsync(update).Within();
        var retry = await _clients.Records.UpdateRecordAsync(update).Within();

        Assert.Equal((2L, false), (first.Version, first.Replayed));
        Assert.Equal((2L, true), (retry.Version, retry.Replayed));
        Assert.Equal(2, (await _store.RecordAsync(tenant, "students", "stu-1"))!["v"].AsInt64);
    }

    [Fact]
    public async Task Concurrent_duplicate_updates_all_succeed_with_the_same_version_and_write_once()
    {
        var tenant = await SeededAsync();
        var update = Correction(tenant, "upd-race-0001");

        var results = await Task.WhenAll(Enumerable.Range(0, Duplicates).Select(_ => _clients.Records.UpdateRecordAsync(update).ResponseAsync))
            .WaitAsync(RpcAssert.Timeout);

        Assert.All(results, r => Assert.Equal(2L, r.Version));
        Assert.Single(results, r => !r.Replayed);
        Assert.Equal(2, (await _store.RecordAsync(tenant, "students", "stu-1"))!["v"].AsInt64);
    }

    [Fact]
    public async Task Delete_retried_with_the_same_key_replays_the_first_result()
    {
        var tenant = await SeededAsync();
        var delete = Deletion(tenant, "del-retry-0001");

        var first = await _clients.Records.DeleteRecordAsync(delete).Within();
        var retry = await _clients.Records.DeleteRecordAsync(delete).Within();

        Assert.Equal(("stu-1", false), (first.RecordId, first.Replayed));
        Assert.Equal(("stu-1", true), (retry.RecordId, retry.Replayed));
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task Concurrent_duplicate_deletes_all_succeed_and_exactly_one_is_not_a_replay()
    {
        // The race is narrow, so it runs a few rounds, each on a record and key of its own.
        const int Rounds = 20;
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var failures = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var recordId = $"stu-{round}";
            await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, recordId, "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
            var delete = Deletion(tenant, $"del-race-{round:D4}");
            delete.RecordId = recordId;

            var calls = Enumerable.Range(0, Duplicates).Select(async _ =>
            {
                try
                {
                    var response = await _clients.Records.DeleteRecordAsync(delete);
                    return response.Replayed ? "replayed" : "deleted";
                }
                catch (RpcException e)
                {
                    return $"{e.StatusCode}: {e.Status.Detail}";
                }
            });
            var outcomes = await Task.WhenAll(calls).WaitAsync(RpcAssert.Timeout);
            if (outcomes.Count(o => o == "deleted") != 1 || outcomes.Count(o => o == "replayed") != Duplicates - 1)
            {
                failures.Add($"round {round}: " + string.Join(" | ", outcomes));
            }
        }

        Assert.True(failures.Count == 0,
            "every duplicate should succeed, one as the delete and the rest as replays; got:\n" + string.Join('\n', failures));
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task Delete_of_a_missing_record_retried_with_the_same_key_is_not_found_again_not_a_replayed_success()
    {
        // The first call deleted nothing, so a retry has no success to replay.
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var delete = new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-404", IdempotencyKey = "del-missing-0001", Purpose = StudentRecords.Purpose,
        };

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.DeleteRecordAsync(delete).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.Records.DeleteRecordAsync(delete).ResponseAsync);
    }

    [Fact]
    public async Task Delete_that_failed_its_version_check_and_is_retried_after_someone_else_deleted_the_record_is_not_a_replayed_success()
    {
        var tenant = await SeededAsync();
        var delete = Deletion(tenant, "del-stale-0001");
        delete.ExpectedVersion = 5;
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.DeleteRecordAsync(delete).ResponseAsync);
        await _clients.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
        }).Within();

        // This key never deleted anything: replaying it as a success would claim a deletion it did not make.
        var error = await Assert.ThrowsAsync<RpcException>(() => _clients.Records.DeleteRecordAsync(delete).ResponseAsync.WaitAsync(RpcAssert.Timeout));
        Assert.True(error.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition, $"got {error.StatusCode}: {error.Status.Detail}");
    }

    [Fact]
    public async Task Put_that_failed_its_version_check_is_not_replayed_as_a_success_when_retried()
    {
        var tenant = await SeededAsync();
        var create = Student(tenant, "stu-1", "put-exists-0001");

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.PutRecordAsync(create).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.PutRecordAsync(create).ResponseAsync);

        Assert.Equal(1, (await _store.RecordAsync(tenant, "students", "stu-1"))!["v"].AsInt64);
    }

    private async Task<string> SeededAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateOfBirth)).Within();
        return tenant;
    }

    private static PutRecordRequest Student(string tenant, string recordId, string key)
    {
        var request = StudentRecords.Student(tenant, recordId, "Ada Lovelace", "ada@example.org", DateOfBirth);
        request.IdempotencyKey = key;
        return request;
    }

    private static UpdateRecordRequest Correction(string tenant, string key) => new()
    {
        TenantId = tenant,
        Collection = "students",
        RecordId = "stu-1",
        Fields = { ["email"] = new Value { StringValue = "ada.corrected@example.org" } },
        UpdateMask = new FieldMask { Paths = { "email" } },
        ExpectedVersion = 1,
        IdempotencyKey = key,
        Purpose = StudentRecords.Purpose,
    };

    private static DeleteRecordRequest Deletion(string tenant, string key) => new()
    {
        TenantId = tenant,
        Collection = "students",
        RecordId = "stu-1",
        ExpectedVersion = 1,
        IdempotencyKey = key,
        Purpose = StudentRecords.Purpose,
    };
}
