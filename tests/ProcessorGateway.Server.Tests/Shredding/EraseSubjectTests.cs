using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>
/// Erasing one data subject destroys the subject's key: from the reply on, every record about the
/// subject is unreadable (plain fields included), searches no longer find it, the subject id takes no
/// new data, and the ledger remembers the destruction without holding any key material.
/// </summary>
public sealed class EraseSubjectTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly ShredStore _store = new(gateway);

    [Fact]
    public async Task After_erasure_the_subjects_records_fail_get_with_failed_precondition_saying_was_erased()
    {
        var tenant = await TenantWithTwoSubjectsAsync();

        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();

        foreach (var (collection, id, purpose) in new[] { ("students", "stu-1", StudentRecords.Purpose), ("attendance", "att-stu-1", "attendance") })
        {
            var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
                () => _clients.Records.GetRecordAsync(Shreds.Get(tenant, collection, id, purpose)).ResponseAsync);
            Assert.True(error.Status.Detail.Contains("was erased", StringComparison.Ordinal),
                $"{collection}/{id}: the message should say the data was erased, but is: {error.Status.Detail}");
        }

        // The other subject's records are untouched, the plain attendance row included.
        var other = await _clients.Records.GetRecordAsync(Shreds.Get(tenant, "students", "stu-2")).Within();
        Assert.Equal("Grace Hopper", other.Fields["full_name"].StringValue);
        var otherAttendance = await _clients.Records.GetRecordAsync(Shreds.Get(tenant, "attendance", "att-stu-2", "attendance")).Within();
        Assert.Equal("present", otherAttendance.Fields["status"].StringValue);
    }

    [Fact]
    public async Task A_record_with_plain_fields_only_names_its_subject_key_and_is_unreadable_after_erasure()
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        var stored = await _store.RecordAsync(tenant, "attendance", "att-stu-1");
        var subjectKey = Assert.Single(await _store.SubjectKeysAsync(tenant, "subj-stu-1"));
        Assert.True(stored is not null && stored["e"].AsBsonDocument.ElementCount == 0, "the attendance row should hold plain fields only");
        Assert.True(stored.Contains("sk") && stored["sk"].AsString == subjectKey["_id"].AsString,
            $"a record about a subject names the subject's key even with no encrypted field; stored: {stored.ToJson()}");

        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _clients.Records.GetRecordAsync(Shreds.Get(tenant, "attendance", "att-stu-1", "attendance")).ResponseAsync);
        Assert.Contains("was erased", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_omits_the_erased_subjects_records_and_still_returns_the_others()
    {
        var tenant = await TenantWithTwoSubjectsAsync();

        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();

        Assert.Equal(["stu-2"], Ids(await QueryAsync(new QueryRecordsRequest { TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose })));
        Assert.Equal(["att-stu-2"], Ids(await QueryAsync(new QueryRecordsRequest { TenantId = tenant, Collection = "attendance", Purpose = "attendance" })));
        Assert.Empty((await QueryAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", SubjectId = "subj-stu-1", Purpose = StudentRecords.Purpose,
        })).Records);
        Assert.Empty((await QueryAsync(NameQuery(tenant, "Ada Lovelace"))).Records);
        Assert.Equal(["stu-2"], Ids(await QueryAsync(NameQuery(tenant, "Grace Hopper"))));
    }

    [Fact]
    public async Task Paging_across_erased_records_visits_every_other_record_exactly_once()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients).WaitAsync(RpcAssert.Timeout);
        foreach (var i in Enumerable.Range(1, 6))
        {
            await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, $"stu-{i}", $"Student {i}", $"s{i}@example.org", DateTimeOffset.UnixEpoch)).Within();
        }

        // With pages of two, the second page holds only erased records: it must still lead on.
        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-3")).Within();
        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-4")).Within();

        var seen = new List<string>();
        var token = string.Empty;
        var pages = 0;
        do
        {
            var page = await QueryAsync(new QueryRecordsRequest
            {
                TenantId = tenant, Collection = "students", PageSize = 2, PageToken = token, Purpose = StudentRecords.Purpose,
            });
            seen.AddRange(Ids(page));
            token = page.NextPageToken;
            Assert.True(++pages <= 6, $"paging did not end; seen so far: {string.Join(", ", seen)}");
        }
        while (token.Length > 0);

        Assert.Equal(["stu-1", "stu-2", "stu-5", "stu-6"], seen);
    }

    [Fact]
    public async Task Put_update_and_batch_put_for_an_erased_subject_fail_failed_precondition_and_write_nothing()
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();
        var before = await _store.SnapshotAsync(tenant);

        var writes = new Dictionary<string, Func<Task>>
        {
            ["put of a new record"] = () => _clients.Records.PutRecordAsync(WithSubject(
                StudentRecords.Student(tenant, "stu-1b", "Ada Again", "again@example.org", DateTimeOffset.UnixEpoch), "subj-stu-1")).ResponseAsync,
            ["put of a new plain row"] = () => _clients.Records.PutRecordAsync(StudentRecords.Attendance(tenant, "att-new", "stu-1")).ResponseAsync,
            ["put replacing the erased record"] = () => _clients.Records.PutRecordAsync(Replacing(
                StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch))).ResponseAsync,
            ["update of the erased record"] = () => _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
            {
                TenantId = tenant, Collection = "attendance", RecordId = "att-stu-1", Fields = { ["status"] = new Value { StringValue = "absent" } },
                UpdateMask = new FieldMask { Paths = { "status" } }, ExpectedVersion = 1, Purpose = "attendance",
            }).ResponseAsync,
        };
        foreach (var (write, call) in writes)
        {
            var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, call);
            Assert.True(error.Status.Detail.Contains("was erased", StringComparison.Ordinal), $"{write}: {error.Status.Detail}");
        }

        var batch = await Auth.GatewayRpcs.BatchPutAsync(_clients, StudentRecords.Attendance(tenant, "att-batch", "stu-1"));
        var item = Assert.Single(batch.Results);
        Assert.True(item.Code == (int)StatusCode.FailedPrecondition && item.Message.Contains("was erased", StringComparison.Ordinal),
            $"batch row for the erased subject: {(StatusCode)item.Code} {item.Message}");

        Assert.Equal(before, await _store.SnapshotAsync(tenant));
        Assert.Empty(await _store.SubjectKeysAsync(tenant, "subj-stu-1"));
    }

    [Fact]
    public async Task After_erasure_the_key_vault_holds_no_key_for_the_subject()
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        var before = Assert.Single(await _store.SubjectKeysAsync(tenant, "subj-stu-1"));

        var reply = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();

        Assert.Equal([before["_id"].AsString], reply.KeyIds);
        Assert.Empty(await _store.SubjectKeysAsync(tenant, "subj-stu-1"));
        Assert.Empty(await _store.KeysWithIdsAsync(reply.KeyIds));
        Assert.Single(await _store.SubjectKeysAsync(tenant, "subj-stu-2"));
        Assert.Equal(2 + 1, (await _store.TenantKeyIdsAsync(tenant)).Count);
    }

    [Fact]
    public async Task The_ledger_holds_one_tombstone_with_tenant_subject_reason_and_the_callers_client_id_and_no_key_material()
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        var (clientId, channel) = await Shreds.TenantClientAsync(gateway, tenant, Scopes.SubjectsRights);
        const string reason = "guardian request under article 17, case 2026-118";

        var reply = await new GrpcTestClients(channel).Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1", reason)).Within();

        var tombstone = Assert.Single(await _store.TombstonesAsync(tenant, "subj-stu-1"));
        Assert.Equal(Assert.Single(reply.KeyIds), tombstone["_id"].AsString);
        Assert.Equal(tenant, tombstone["t"].AsString);
        Assert.Equal("subj-stu-1", tombstone["s"].AsString);
        Assert.Equal(reason, tombstone["reason"].AsString);
        Assert.Equal(clientId, tombstone["actor"].AsString);
        Assert.Equal((int)KeyKind.Subject, tombstone["kind"].AsInt32);
        Assert.Equal(reply.ShreddedAt.ToDateTime(), tombstone["at"].ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.True(ShredStore.BinaryPaths(tombstone).Count == 0,
            $"a tombstone holds no key material, yet has binary fields at {string.Join(", ", ShredStore.BinaryPaths(tombstone))}: {tombstone.ToJson()}");
        Assert.Single(await _store.TombstonesAsync(tenant));
    }

    [Fact]
    public async Task After_erasure_the_subjects_blind_indexes_are_empty_and_the_others_remain()
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        Assert.NotEmpty(await _store.BlindIndexesAsync(tenant, "students", "stu-1"));

        await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();

        Assert.Empty(await _store.BlindIndexesAsync(tenant, "students", "stu-1"));
        Assert.Empty(await _store.BlindIndexesAsync(tenant, "attendance", "att-stu-1"));
        Assert.NotEmpty(await _store.BlindIndexesAsync(tenant, "students", "stu-2"));
    }

    [Fact]
    public async Task Erasing_again_is_replayed_with_the_same_key_ids_and_dates_and_no_second_tombstone()
    {
        var tenant = await TenantWithTwoSubjectsAsync();

        var first = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();
        var second = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1", "asked a second time")).Within();

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.KeyIds, second.KeyIds);
        Assert.Equal(first.ShreddedAt, second.ShreddedAt);
        Assert.Equal(first.RecordBackupsAgeOutBy, second.RecordBackupsAgeOutBy);
        Assert.Equal(first.KeyVaultBackupsAgeOutBy, second.KeyVaultBackupsAgeOutBy);
        var tombstone = Assert.Single(await _store.TombstonesAsync(tenant, "subj-stu-1"));
        Assert.Equal(Shreds.Reason, tombstone["reason"].AsString);
    }

    [Fact]
    public async Task The_reply_states_when_record_backups_and_key_vault_backups_age_out_90_and_7_days_after_the_shred()
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        var before = DateTimeOffset.UtcNow;

        var reply = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1")).Within();

        var after = DateTimeOffset.UtcNow;
        var shreddedAt = reply.ShreddedAt.ToDateTimeOffset();
        Assert.InRange(shreddedAt, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(shreddedAt.AddDays(90), reply.RecordBackupsAgeOutBy.ToDateTimeOffset());
        Assert.Equal(shreddedAt.AddDays(7), reply.KeyVaultBackupsAgeOutBy.ToDateTimeOffset());
    }

    [Fact]
    public async Task Erasing_a_subject_that_never_had_data_still_blocks_later_writes_under_that_id()
    {
        var tenant = await TenantWithTwoSubjectsAsync();

        var reply = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-ghost")).Within();

        Assert.False(reply.Replayed);
        Assert.Single(reply.KeyIds);
        Assert.Single(await _store.TombstonesAsync(tenant, "subj-ghost"));
        var student = StudentRecords.Student(tenant, "ghost", "Never Stored", "ghost@example.org", DateTimeOffset.UnixEpoch);
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.PutRecordAsync(student).ResponseAsync);
        Assert.Contains("was erased", error.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _clients.Records.PutRecordAsync(StudentRecords.Attendance(tenant, "att-ghost", "ghost")).ResponseAsync);
        Assert.Null(await _store.RecordAsync(tenant, "students", "ghost"));
        Assert.Null(await _store.RecordAsync(tenant, "attendance", "att-ghost"));
        Assert.Empty(await _store.SubjectKeysAsync(tenant, "subj-ghost"));
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "empty subject id", string.Empty, "subject_id" },
        { "subject id with a dot", "subj.1", "subject_id" },
        { "subject id with a dollar", "$where", "subject_id" },
        { "subject id of 129 characters", new string('s', 129), "subject_id" },
        { "empty reason", "subj-stu-1", "reason" },
        { "blank reason", "subj-stu-1", "reason" },
        { "reason of 501 characters", "subj-stu-1", "reason" },
        { "reason with a control character", "subj-stu-1", "reason" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_invalid_argument_naming_the_field_and_nothing_is_written(string @case, string subjectId, string field)
    {
        var tenant = await TenantWithTwoSubjectsAsync();
        var reason = @case switch
        {
            "empty reason" => string.Empty,
            "blank reason" => "   ",
            "reason of 501 characters" => new string('r', 501),
            "reason with a control character" => "line one\nline two",
            _ => Shreds.Reason,
        };
        var before = await _store.SnapshotAsync(tenant);
        var ledgerBefore = await _store.LedgerKeyIdsAsync();

        await RpcAssert.InvalidArgumentAsync(field, () => _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, subjectId, reason)).ResponseAsync);

        Assert.Equal(before, await _store.SnapshotAsync(tenant));
        Assert.Equal(ledgerBefore.Order(StringComparer.Ordinal), (await _store.LedgerKeyIdsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("Ada Lovelace", (await _clients.Records.GetRecordAsync(Shreds.Get(tenant, "students", "stu-1")).Within()).Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task A_reason_of_exactly_500_characters_is_accepted()
    {
        var tenant = await TenantWithTwoSubjectsAsync();

        var reply = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(tenant, "subj-stu-1", new string('r', 500))).Within();

        Assert.False(reply.Replayed);
        Assert.Equal(new string('r', 500), Assert.Single(await _store.TombstonesAsync(tenant, "subj-stu-1"))["reason"].AsString);
    }

    /// <summary>A fresh tenant with subjects <c>subj-stu-1</c> (Ada) and <c>subj-stu-2</c> (Grace): a student and a plain attendance row each.</summary>
    private async Task<string> TenantWithTwoSubjectsAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients).WaitAsync(RpcAssert.Timeout);
        await Shreds.PutStudentWithAttendanceAsync(_clients, tenant, "stu-1", "Ada Lovelace");
        await Shreds.PutStudentWithAttendanceAsync(_clients, tenant, "stu-2", "Grace Hopper");
        return tenant;
    }

    private Task<QueryRecordsResponse> QueryAsync(QueryRecordsRequest request) => _clients.Records.QueryRecordsAsync(request).Within();

    private static QueryRecordsRequest NameQuery(string tenant, string name) => new()
    {
        TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose,
        Filters = { new FieldFilter { Field = "full_name", Equals_ = new Value { StringValue = name } } },
    };

    private static List<string> Ids(QueryRecordsResponse page) => page.Records.Select(r => r.RecordId).ToList();

    private static PutRecordRequest WithSubject(PutRecordRequest request, string subjectId)
    {
        request.SubjectId = subjectId;
        return request;
    }

    private static PutRecordRequest Replacing(PutRecordRequest request)
    {
        request.ExpectedVersion = 1;
        return request;
    }
}
