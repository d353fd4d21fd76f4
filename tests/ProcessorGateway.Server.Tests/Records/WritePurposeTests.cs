using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Audit;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>
/// Purposes on writes, through a real gateway: a call writes, corrects or deletes only the fields its purpose may
/// write, and a refusal names the field and the purpose and leaves the stored document as it was, byte for byte.
/// The wellbeing collection's note is read by safeguarding and administration and written by safeguarding only.
/// </summary>
public sealed class WritePurposeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Collection = "wellbeing";
    private const string Writer = "safeguarding";
    private const string Reader = "administration";
    private const string Note = "Allergic to penicillin";

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task A_correction_of_medical_notes_under_fees_is_refused_naming_both_and_the_stored_record_is_unchanged()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.UpdateRecordAsync(Correct(tenant, "students", "stu-1", "safeguarding", 1, "medical_notes", Note)).Within();
        var before = await RawAsync(tenant, "students", "stu-1");

        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _clients.Records.UpdateRecordAsync(Correct(tenant, "students", "stu-1", "fees", 2, "medical_notes", "overwritten")).ResponseAsync);

        Assert.Equal("fields.medical_notes: purpose 'fees' may not write the field 'medical_notes' of collection 'students'", refused.Status.Detail);
        Assert.Equal(before, await RawAsync(tenant, "students", "stu-1"));
    }

    [Fact]
    public async Task A_put_carrying_a_field_its_purpose_may_not_write_is_refused_and_stores_nothing()
    {
        var tenant = await WellbeingTenantAsync();

        // The reader may read the note, but the write list leaves it out.
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Reader, withNote: true)).ResponseAsync);

        Assert.Contains("purpose 'administration' may not write the field 'note' of collection 'wellbeing'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Null(await _store.RecordAsync(tenant, Collection, "wb-1"));
        Assert.Equal(1, (await _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Writer, withNote: true)).Within()).Version);
    }

    [Fact]
    public async Task A_replace_that_would_drop_a_field_its_purpose_may_not_write_is_refused_and_one_that_drops_nothing_protected_lands()
    {
        var tenant = await WellbeingTenantAsync();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Writer, withNote: true)).Within();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-2", Writer, withNote: false)).Within();
        var before = await RawAsync(tenant, Collection, "wb-1");

        var replace = Put(tenant, "wb-1", Reader, withNote: false);
        replace.ExpectedVersion = 1;
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.PutRecordAsync(replace).ResponseAsync);

        Assert.Contains("fields.note: purpose 'administration' may not write the field 'note'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await RawAsync(tenant, Collection, "wb-1"));

        var harmless = Put(tenant, "wb-2", Reader, withNote: false);
        harmless.ExpectedVersion = 1;
        Assert.Equal(2, (await _clients.Records.PutRecordAsync(harmless).Within()).Version);
    }

    [Fact]
    public async Task An_update_that_clears_a_field_its_purpose_may_not_write_is_refused_and_its_writer_may()
    {
        var tenant = await WellbeingTenantAsync();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Writer, withNote: true)).Within();
        var before = await RawAsync(tenant, Collection, "wb-1");
        var clear = new UpdateRecordRequest
        {
            TenantId = tenant, Collection = Collection, RecordId = "wb-1", Purpose = Reader, ExpectedVersion = 1,
            UpdateMask = new FieldMask { Paths = { "status", "note" } }, Fields = { ["status"] = Text("closed") },
        };

        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.UpdateRecordAsync(clear).ResponseAsync);

        Assert.Contains("purpose 'administration' may not write the field 'note'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await RawAsync(tenant, Collection, "wb-1"));
        clear.Purpose = Writer;
        Assert.Equal(2, (await _clients.Records.UpdateRecordAsync(clear).Within()).Version);
        Assert.False((await RawAsync(tenant, Collection, "wb-1"))["e"].AsBsonDocument.Contains("note"), "the writer's update clears the note");
    }

    [Fact]
    public async Task A_delete_of_a_record_holding_a_field_its_purpose_may_not_write_is_refused_and_the_record_stays()
    {
        var tenant = await WellbeingTenantAsync();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Writer, withNote: true)).Within();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-2", Writer, withNote: false)).Within();
        var before = await RawAsync(tenant, Collection, "wb-1");

        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.DeleteRecordAsync(Delete(tenant, "wb-1", Reader)).ResponseAsync);

        Assert.Equal("purpose: purpose 'administration' may not write the field 'note' of collection 'wellbeing'", refused.Status.Detail);
        Assert.Equal(before, await RawAsync(tenant, Collection, "wb-1"));

        // A record without the note is the reader's to delete; the note's writer deletes the other.
        await _clients.Records.DeleteRecordAsync(Delete(tenant, "wb-2", Reader)).Within();
        await _clients.Records.DeleteRecordAsync(Delete(tenant, "wb-1", Writer)).Within();
        Assert.Equal(0, await _store.CountRecordsAsync(tenant, Collection));
    }

    [Fact]
    public async Task A_delete_reads_the_record_first_only_when_the_purpose_may_not_write_every_field()
    {
        var tenant = await WellbeingTenantAsync();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Writer, withNote: false)).Within();
        await _clients.Records.PutRecordAsync(Put(tenant, "wb-2", Writer, withNote: false)).Within();
        using var counter = new CallCommandCounter();

        await _clients.Records.DeleteRecordAsync(Delete(tenant, "wb-1", Writer), counter.Headers).ResponseAsync.WaitAsync(RpcAssert.Timeout);
        var (unjudged, unjudgedDetail) = counter.On("records");
        counter.Reset();
        await _clients.Records.DeleteRecordAsync(Delete(tenant, "wb-2", Reader), counter.Headers).ResponseAsync.WaitAsync(RpcAssert.Timeout);
        var (judged, judgedDetail) = counter.On("records");

        Assert.True(unjudged == 1, $"a delete by the note's writer took {unjudged} record commands: {unjudgedDetail}");
        Assert.True(judged == 2, $"a delete judged against the stored record took {judged} record commands: {judgedDetail}");
        Assert.Equal(0, await _store.CountRecordsAsync(tenant, Collection));
    }

    [Fact]
    public async Task A_batch_refuses_only_the_row_that_writes_a_field_its_purpose_may_not_and_the_good_rows_land()
    {
        var tenant = await WellbeingTenantAsync();

        var batch = await BatchUpload.SendAsync(_clients,
            [Put(tenant, "wb-1", Reader, withNote: false), Put(tenant, "wb-2", Reader, withNote: true), Put(tenant, "wb-3", Writer, withNote: true)]);

        Assert.Equal((2, 1), (batch.Succeeded, batch.Failed));
        var row = batch.Results.Single(r => r.Index == 1);
        Assert.Equal((int)StatusCode.PermissionDenied, row.Code);
        Assert.Contains("purpose 'administration' may not write the field 'note'", row.Message, StringComparison.Ordinal);
        Assert.Equal(["wb-1", "wb-3"], await _store.RecordIdsAsync(tenant, Collection));
    }

    [Fact]
    public async Task A_batch_of_replaces_reads_the_stored_records_at_once_and_refuses_only_the_one_that_would_drop_medical_notes()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var rows = Enumerable.Range(0, 20).Select(i => StudentRecords.Student(tenant, $"stu-{i:D2}", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).ToList();
        Assert.Equal(20, (await BatchUpload.SendAsync(_clients, rows)).Succeeded);
        await _clients.Records.UpdateRecordAsync(Correct(tenant, "students", "stu-07", "safeguarding", 1, "medical_notes", Note)).Within();
        var before = await RawAsync(tenant, "students", "stu-07");
        rows.ForEach(r => (r.ExpectedVersion, r.Fields["grade_level"]) = (r.RecordId == "stu-07" ? 2 : 1, Text("8")));
        using var counter = new CallCommandCounter();

        // Administration may not write medical_notes, so each replace is judged against what its record holds.
        var replaced = await BatchUpload.SendAsync(_clients, rows, counter.Headers);

        var (commands, detail) = counter.On("records");
        Assert.Equal((19, 1), (replaced.Succeeded, replaced.Failed));
        var refused = replaced.Results.Single(r => r.Code != 0);
        Assert.Equal(((int)StatusCode.PermissionDenied, 7), (refused.Code, refused.Index));
        Assert.Contains("purpose 'administration' may not write the field 'medical_notes'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RawAsync(tenant, "students", "stu-07"));
        Assert.True(commands <= 4, $"judging and replacing 20 records took {commands} record commands (one read, then the bulk write's): {detail}");
    }

    [Fact]
    public async Task A_refused_put_under_an_idempotency_key_is_refused_again_on_retry_and_frees_its_key()
    {
        var tenant = await WellbeingTenantAsync();
        var put = Put(tenant, "wb-1", Reader, withNote: true);
        put.IdempotencyKey = "write-purpose-retry-0001";

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.PutRecordAsync(put).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _clients.Records.PutRecordAsync(put).ResponseAsync);

        Assert.Null(await _store.IdempotencyAsync(tenant, put.IdempotencyKey));
        Assert.Null(await _store.RecordAsync(tenant, Collection, "wb-1"));
    }

    [Fact]
    public async Task A_refused_write_is_audited_as_denied_with_its_purpose()
    {
        var tenant = await WellbeingTenantAsync();
        var trace = AuditedCalls.NewTraceId();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _clients.Records.PutRecordAsync(Put(tenant, "wb-1", Reader, withNote: true), AuditedCalls.Traced(trace)).ResponseAsync);

        var denied = await AuditedCalls.FindAsync(gateway.Channel, tenant, trace);
        Assert.Equal(("RecordService.PutRecord", Reader, AuditOutcome.Denied, "PermissionDenied"), (denied.Action, denied.Purpose, denied.Outcome, denied.Status));
    }

    [Fact]
    public async Task A_write_list_outside_the_fields_purposes_is_refused_at_define_schema_and_a_valid_one_is_shown_back()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var define = Wellbeing(tenant);
        define.Fields[1].WritePurposes.Add("fees");

        await RpcAssert.InvalidArgumentAsync("fields[1].write_purposes[1]", () => _clients.Schemas.DefineSchemaAsync(define).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = Collection }).ResponseAsync);

        await _clients.Schemas.DefineSchemaAsync(Wellbeing(tenant)).Within();
        var shown = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = Collection }).Within();
        Assert.Equal([Writer], shown.Fields.Single(f => f.Name == "note").WritePurposes);
        Assert.Empty(shown.Fields.Single(f => f.Name == "full_name").WritePurposes);
        var listed = await _clients.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = tenant }).Within();
        Assert.Equal([Writer], listed.Schemas.Single(s => s.Collection == Collection).Fields.Single(f => f.Name == "note").WritePurposes);
        var stored = await _store.Schemas.Find(new BsonDocument { { "t", tenant }, { "c", Collection } }).SingleAsync();
        Assert.Equal([Writer], stored["fields"][1]["writePurposes"].AsBsonArray.Select(p => p.AsString));
    }

    private async Task<string> WellbeingTenantAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Schemas.DefineSchemaAsync(Wellbeing(tenant)).Within();
        return tenant;
    }

    private static DefineSchemaRequest Wellbeing(string tenant) => new()
    {
        TenantId = tenant,
        Collection = Collection,
        DataClass = DataClass.InstitutionManaged,
        Fields =
        {
            new FieldDefinition
            {
                Name = "full_name", Type = FieldType.String, FieldClass = FieldClass.Personal, DataCategory = "identity", Required = true,
                Purposes = { Writer, Reader },
            },
            new FieldDefinition
            {
                Name = "note", Type = FieldType.String, FieldClass = FieldClass.Sensitive, DataCategory = "health",
                Purposes = { Writer, Reader }, WritePurposes = { Writer },
            },
            new FieldDefinition { Name = "status", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "health" },
        },
    };

    private static PutRecordRequest Put(string tenant, string recordId, string purpose, bool withNote)
    {
        var put = new PutRecordRequest
        {
            TenantId = tenant, Collection = Collection, RecordId = recordId, SubjectId = $"subj-{recordId}", Purpose = purpose,
            Fields = { ["full_name"] = Text("Grace Hopper"), ["status"] = Text("open") },
        };
        if (withNote)
        {
            put.Fields["note"] = Text(Note);
        }

        return put;
    }

    private static UpdateRecordRequest Correct(string tenant, string collection, string recordId, string purpose, long version, string field, string value) => new()
    {
        TenantId = tenant, Collection = collection, RecordId = recordId, Purpose = purpose, ExpectedVersion = version,
        UpdateMask = new FieldMask { Paths = { field } }, Fields = { [field] = Text(value) },
    };

    private static DeleteRecordRequest Delete(string tenant, string recordId, string purpose) =>
        new() { TenantId = tenant, Collection = Collection, RecordId = recordId, Purpose = purpose };

    private static Value Text(string text) => new() { StringValue = text };

    /// <summary>The stored document, read straight from MongoDB: plain values under <c>p</c>, ciphertexts under <c>e</c>.</summary>
    private async Task<BsonDocument> RawAsync(string tenant, string collection, string recordId) =>
        await _store.RecordAsync(tenant, collection, recordId) ?? throw new InvalidOperationException($"record '{recordId}' is not stored");
}
