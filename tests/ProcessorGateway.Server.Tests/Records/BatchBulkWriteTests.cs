using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Erasure;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>
/// A batch's rows without idempotency keys are written together (one bulk write, not one write a row), and
/// each row still gets exactly the result it would have had on its own.
/// </summary>
public sealed class BatchBulkWriteTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const int MaxRecordCommands = 3;

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task Twenty_new_records_and_then_twenty_replacements_take_at_most_three_record_commands_a_batch()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var rows = Enumerable.Range(0, 20).Select(i => StudentRecords.Attendance(tenant, $"att-{i:D2}", $"stu-{i % 5}")).ToList();
        using var counter = new CallCommandCounter();

        var created = await BatchUpload.SendAsync(_clients, rows, counter.Headers);
        var (createCommands, createDetail) = counter.On("records");
        counter.Reset();
        foreach (var row in rows)
        {
            row.ExpectedVersion = 1;
            row.Fields["status"] = new Value { StringValue = "late" };
        }

        var replaced = await BatchUpload.SendAsync(_clients, rows, counter.Headers);
        var (replaceCommands, replaceDetail) = counter.On("records");

        Assert.Equal((20, 0), (created.Succeeded, created.Failed));
        Assert.All(created.Results, r => Assert.Equal((0, 1L), (r.Code, r.Result.Version)));
        Assert.Equal((20, 0), (replaced.Succeeded, replaced.Failed));
        Assert.All(replaced.Results, r => Assert.Equal((0, 2L), (r.Code, r.Result.Version)));
        Assert.True(createCommands is > 0 and <= MaxRecordCommands, $"creating 20 records took {createCommands} record commands: {createDetail}");
        Assert.True(replaceCommands is > 0 and <= MaxRecordCommands, $"replacing 20 records took {replaceCommands} record commands: {replaceDetail}");
        var stored = await _store.Records.Find(new BsonDocument("t", tenant)).ToListAsync();
        Assert.Equal(20, stored.Count);
        Assert.All(stored, d => Assert.Equal((2L, "late"), (d["v"].ToInt64(), d["p"]["status"].AsString)));
    }

    [Fact]
    public async Task A_batch_larger_than_one_bulk_write_is_written_a_thousand_rows_at_a_time()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var rows = Enumerable.Range(0, 1005).Select(i => StudentRecords.Attendance(tenant, $"att-{i:D4}", $"stu-{i % 5}")).ToList();
        using var counter = new CallCommandCounter();

        var response = await BatchUpload.SendAsync(_clients, rows, counter.Headers);

        var (commands, detail) = counter.On("records");
        Assert.Equal((1005, 0), (response.Succeeded, response.Failed));
        Assert.Equal(Enumerable.Range(0, 1005), response.Results.Select(r => r.Index));
        Assert.All(response.Results, r => Assert.Equal((rows[r.Index].RecordId, 1L), (r.Result.RecordId, r.Result.Version)));
        Assert.True(commands == 2, $"1,005 rows took {commands} record commands: {detail}");
        Assert.Equal(1005, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task A_batch_mixing_stale_existing_kept_missing_invalid_and_good_rows_reports_each_as_a_single_put_would()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var tenant = world.TenantId;
        await PutAsync(StudentRecords.Attendance(tenant, "att-stale", "stu-1"));
        await PutAsync(StudentRecords.Attendance(tenant, "att-stale", "stu-1", "late"), expectedVersion: 1);
        await PutAsync(StudentRecords.Attendance(tenant, "att-exists", "stu-1"));
        await PutAsync(StudentRecords.Attendance(tenant, "att-replace", "stu-1"));
        var kept = await PartialErasureTests.SeedHeldAttendanceAsync(world, "kept");
        await world.HoldAsync("subj-kept", "attendance", "court order 2026-7");
        var erasure = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-kept")).RequestId);
        // The refusal states when the subject's key was destroyed: the shred ledger's time, read when the key was.
        var shreddedAt = (await new MongoClient(TestServers.MongoConnectionString).GetDatabase(gateway.LedgerDatabase)
            .GetCollection<BsonDocument>("shred_ledger").Find(new BsonDocument { { "t", tenant }, { "s", "subj-kept" } })
            .Sort(new BsonDocument("at", 1)).FirstAsync())["at"].ToUniversalTime();
        var keptVersion = (await world.ReadAsync("attendance", kept)).Version;
        var invalid = StudentRecords.Attendance(tenant, "att-invalid", "stu-1");
        invalid.Fields["status"] = new Value { BoolValue = true };

        var rows = new (PutRecordRequest Row, long ExpectedVersion)[]
        {
            (StudentRecords.Attendance(tenant, "att-new-0", "stu-2"), 0),
            (StudentRecords.Attendance(tenant, "att-stale", "stu-1", "absent"), 1),
            (StudentRecords.Attendance(tenant, "att-exists", "stu-1", "absent"), 0),
            (StudentRecords.Attendance(tenant, kept, "stu-4", "present"), keptVersion),
            (StudentRecords.Attendance(tenant, "att-replace", "stu-1", "absent"), 1),
            (StudentRecords.Attendance(tenant, "att-missing", "stu-1"), 1),
            (StudentRecords.Attendance(tenant, kept, "stu-4", "present"), 0),
            (StudentRecords.Attendance(tenant, kept, "kept", "present"), keptVersion),
            (invalid, 0),
            (StudentRecords.Attendance(tenant, "att-new-1", "stu-3"), 0),
        };
        foreach (var (row, expectedVersion) in rows)
        {
            row.ExpectedVersion = expectedVersion;
        }

        var response = await BatchUpload.SendAsync(_clients, rows.Select(r => r.Row));

        var ok = (int)StatusCode.OK;
        var failed = (int)StatusCode.FailedPrecondition;
        // As PutRecord answers each of them today; a row about the erased subject fails sealing, before any write.
        string[] expected =
        [
            Result(ok, "", 1),
            Result(failed, "record 'att-stale' is at version 2, not the expected 1"),
            Result(failed, "record 'att-exists' already exists in collection 'attendance'; replace it with its current version as expected_version"),
            Result(failed, $"record '{kept}' of collection 'attendance' is kept after its subject's erasure (request {erasure.RequestId}) under a legal hold or retention rule: it is read-only"),
            Result(ok, "", 2),
            Result(failed, "record 'att-missing' does not exist, so it cannot be at the expected version 1"),
            Result(failed, $"record '{kept}' already exists in collection 'attendance'; replace it with its current version as expected_version"),
            Result(failed, $"the data of subject 'subj-kept' was erased on {new DateTimeOffset(shreddedAt):yyyy-MM-dd'T'HH:mm:ss'Z'}: its key was destroyed, so it can no longer be read"),
            Result((int)StatusCode.InvalidArgument, "fields.status: field 'status' is string, not bool"),
            Result(ok, "", 1),
        ];
        Assert.Equal(Enumerable.Range(0, rows.Length), response.Results.Select(r => r.Index));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', response.Results.Select(r => Result(r.Code, r.Message, r.Result?.Version ?? 0))));
        Assert.Equal((3, 7), (response.Succeeded, response.Failed));

        // What landed is exactly the good rows; everything else is as it was.
        Assert.Equal(new[] { "att-exists", "att-new-0", "att-new-1", "att-replace", "att-stale", kept }.Order(StringComparer.Ordinal),
            await _store.RecordIdsAsync(tenant, "attendance"));
        Assert.Equal((2L, "absent"), await VersionAndStatusAsync(tenant, "att-replace"));
        Assert.Equal((2L, "late"), await VersionAndStatusAsync(tenant, "att-stale"));
        Assert.Equal((1L, "present"), await VersionAndStatusAsync(tenant, "att-exists"));
        Assert.Equal((keptVersion, "absent"), await VersionAndStatusAsync(tenant, kept));
        Assert.Equal("dentist", (await world.ReadAsync("attendance", kept)).Fields["absence_reason"].StringValue);
    }

    [Fact]
    public async Task Two_rows_creating_the_same_record_store_it_once_and_the_other_row_is_told_it_exists()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var first = StudentRecords.Attendance(tenant, "att-twice", "stu-1");
        var second = StudentRecords.Attendance(tenant, "att-twice", "stu-1", "absent");

        var response = await BatchUpload.SendAsync(_clients, [first, StudentRecords.Attendance(tenant, "att-once", "stu-2"), second]);

        var twice = response.Results.Where(r => r.Index != 1).ToList();
        Assert.Equal([(int)StatusCode.OK, (int)StatusCode.FailedPrecondition], twice.Select(r => r.Code).Order());
        var refused = twice.Single(r => r.Code != (int)StatusCode.OK);
        Assert.Equal("record 'att-twice' already exists in collection 'attendance'; replace it with its current version as expected_version", refused.Message);
        Assert.Equal((int)StatusCode.OK, response.Results[1].Code);
        var written = twice.Single(r => r.Code == (int)StatusCode.OK).Index == 0 ? "present" : "absent";
        Assert.Equal((1L, written), await VersionAndStatusAsync(tenant, "att-twice"));
        Assert.Equal(2, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task Rows_with_idempotency_keys_replay_when_the_batch_is_sent_again_while_rows_without_are_told_they_exist()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var rows = Enumerable.Range(0, 6).Select(i => StudentRecords.Attendance(tenant, $"att-{i}", $"stu-{i}")).ToList();
        foreach (var i in new[] { 1, 4 })
        {
            rows[i].IdempotencyKey = $"upload-{tenant}-{i}";
        }

        var first = await BatchUpload.SendAsync(_clients, rows);
        var again = await BatchUpload.SendAsync(_clients, rows);

        Assert.All(first.Results, r => Assert.Equal(((int)StatusCode.OK, 1L, false), (r.Code, r.Result.Version, r.Result.Replayed)));
        foreach (var result in again.Results)
        {
            if (result.Index is 1 or 4)
            {
                Assert.Equal(((int)StatusCode.OK, 1L, true), (result.Code, result.Result.Version, result.Result.Replayed));
            }
            else
            {
                Assert.Equal(((int)StatusCode.FailedPrecondition, $"record 'att-{result.Index}' already exists in collection 'attendance'; replace it with its current version as expected_version"),
                    (result.Code, result.Message));
            }
        }

        Assert.Equal(6, await _store.CountRecordsAsync(tenant));
        Assert.Equal($"upload-{tenant}-4", (await _store.RecordAsync(tenant, "attendance", "att-4"))!["ik"].AsString);
    }

    [Fact]
    public async Task Twenty_rows_with_idempotency_keys_take_at_most_three_record_commands_and_two_key_commands_and_replay()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var rows = Enumerable.Range(0, 20).Select(i => StudentRecords.Attendance(tenant, $"att-{i:D2}", $"stu-{i % 5}")).ToList();
        rows.ForEach(r => r.IdempotencyKey = $"key-{tenant}-{r.RecordId}");
        using var counter = new CallCommandCounter();

        var response = await BatchUpload.SendAsync(_clients, rows, counter.Headers);

        var (recordCommands, recordDetail) = counter.On("records");
        var (keyCommands, keyDetail) = counter.On("idempotency_keys");
        Assert.All(response.Results, r => Assert.Equal(((int)StatusCode.OK, 1L, false), (r.Code, r.Result.Version, r.Result.Replayed)));
        Assert.True(recordCommands <= MaxRecordCommands, $"20 keyed rows took {recordCommands} record commands: {recordDetail}");
        Assert.True(keyCommands <= 2, $"20 keyed rows took {keyCommands} idempotency-key commands: {keyDetail}");
        foreach (var row in rows)
        {
            var key = await _store.IdempotencyAsync(tenant, row.IdempotencyKey);
            Assert.True(key is not null && key["done"].AsBoolean && key["v"].ToInt64() == 1, $"the key of {row.RecordId} is {key}");
        }

        var again = await BatchUpload.SendAsync(_clients, rows);
        Assert.All(again.Results, r => Assert.Equal(((int)StatusCode.OK, 1L, true), (r.Code, r.Result.Version, r.Result.Replayed)));
    }

    [Fact]
    public async Task A_refused_row_with_an_idempotency_key_frees_its_key_and_the_other_rows_complete_theirs()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutAsync(StudentRecords.Attendance(tenant, "att-pre", "stu-1"));
        var rows = Enumerable.Range(0, 4).Select(i => StudentRecords.Attendance(tenant, $"att-{i}", $"stu-{i}")).ToList();
        rows[2].RecordId = "att-pre";
        rows.ForEach(r => r.IdempotencyKey = $"key-{tenant}-{r.RecordId}");

        var response = await BatchUpload.SendAsync(_clients, rows);

        Assert.Equal([(int)StatusCode.OK, (int)StatusCode.OK, (int)StatusCode.FailedPrecondition, (int)StatusCode.OK], response.Results.Select(r => r.Code));
        Assert.Equal("record 'att-pre' already exists in collection 'attendance'; replace it with its current version as expected_version", response.Results[2].Message);
        Assert.Null(await _store.IdempotencyAsync(tenant, rows[2].IdempotencyKey));
        foreach (var i in new[] { 0, 1, 3 })
        {
            Assert.True((await _store.IdempotencyAsync(tenant, rows[i].IdempotencyKey))?["done"].AsBoolean, $"the key of row {i} is not completed");
        }

        // Corrected, the refused row is judged afresh under the same key.
        rows[2].ExpectedVersion = 1;
        var corrected = await BatchUpload.SendAsync(_clients, [rows[2]]);
        Assert.Equal(((int)StatusCode.OK, 2L, false), (corrected.Results[0].Code, corrected.Results[0].Result.Version, corrected.Results[0].Result.Replayed));
    }

    private static string Result(int code, string message, long version = 0) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{code} v{version} {message}");

    private Task<WriteResult> PutAsync(PutRecordRequest row, long expectedVersion = 0)
    {
        row.ExpectedVersion = expectedVersion;
        return _clients.Records.PutRecordAsync(row).Within();
    }

    private async Task<(long Version, string Status)> VersionAndStatusAsync(string tenant, string recordId)
    {
        var document = await _store.RecordAsync(tenant, "attendance", recordId) ?? throw new InvalidOperationException($"{recordId} is not stored");
        return (document["v"].ToInt64(), document["p"]["status"].AsString);
    }
}
