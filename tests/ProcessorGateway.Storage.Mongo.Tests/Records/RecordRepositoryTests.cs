using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Values;
using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

public sealed class RecordRepositoryTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private readonly MongoRecordRepository _records = new(storage.Context);

    [Fact]
    public async Task TryInsert_twice_is_false_the_second_time_and_keeps_the_first()
    {
        var tenant = NewTenant();
        var first = StoredRecords.Make(tenant, "stu-1", plain: Plain("first"));

        Assert.True(await _records.TryInsertAsync(tenant, first, default).Within());
        Assert.False(await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1", plain: Plain("second")), default).Within());

        var found = await _records.FindAsync(tenant, "students", "stu-1", default).Within();
        Assert.Equal(new StringValue("first"), found!.Plain["grade_level"]);
    }

    [Fact]
    public async Task Of_eight_concurrent_first_inserts_of_one_record_exactly_one_lands()
    {
        // The record's _id (tenant/collection/record) is its only uniqueness: two first writes race on it alone.
        var tenant = NewTenant();
        var inserted = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1", plain: Plain($"writer {i}")), default)))).Within();

        Assert.Equal(1, inserted.Count(landed => landed));
        var winner = Array.IndexOf(inserted, true);
        var found = await _records.FindAsync(tenant, "students", "stu-1", default).Within();
        Assert.Equal(new StringValue($"writer {winner}"), found!.Plain["grade_level"]);
    }

    [Fact]
    public async Task TryInsert_of_a_record_under_another_tenant_is_refused()
    {
        var tenant = NewTenant();

        await Assert.ThrowsAsync<ArgumentException>(() => _records.TryInsertAsync(NewTenant(), StoredRecords.Make(tenant, "stu-1"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => _records.TryReplaceAsync(NewTenant(), StoredRecords.Make(tenant, "stu-1", version: 2), 1, default));

        Assert.Null(await _records.FindAsync(tenant, "students", "stu-1", default).Within());
    }

    [Fact]
    public async Task Find_returns_every_part_of_the_record_as_inserted()
    {
        var tenant = NewTenant();
        var when = new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);
        var plain = new Dictionary<string, FieldValue>
        {
            ["s"] = new StringValue("seven"),
            ["i"] = new Int64Value(long.MaxValue),
            ["d"] = new DoubleValue(91.25),
            ["b"] = new BoolValue(true),
            ["t"] = new TimestampValue(when),
            ["y"] = new BytesValue([0, 255, 7]),
            ["l"] = new StringListValue(["stu-1", "stu-2"]),
        };
        var record = StoredRecords.Make(tenant, "stu-1", plain: plain, blindIndexes: [[9, 9, 9], [8, 8]]) with { LastIdempotencyKey = "key-0001" };
        await _records.TryInsertAsync(tenant, record, default).Within();

        var found = await _records.FindAsync(tenant, "students", "stu-1", default).Within();

        Assert.NotNull(found);
        Assert.Equal((record.TenantId, record.Collection, record.RecordId, record.SubjectId, record.Version, record.SchemaVersion),
            (found.TenantId, found.Collection, found.RecordId, found.SubjectId, found.Version, found.SchemaVersion));
        Assert.Equal(plain.OrderBy(p => p.Key, StringComparer.Ordinal), found.Plain.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(record.Encrypted["full_name"], found.Encrypted["full_name"]);
        Assert.Equal(record.BlindIndexes, found.BlindIndexes);
        Assert.Equal((record.LastIdempotencyKey, record.CreatedAt, record.UpdatedAt), (found.LastIdempotencyKey, found.CreatedAt, found.UpdatedAt));
    }

    [Fact]
    public async Task A_record_without_subject_reads_back_without_subject()
    {
        var tenant = NewTenant();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1") with { SubjectId = null }, default).Within();

        Assert.Null((await _records.FindAsync(tenant, "students", "stu-1", default).Within())!.SubjectId);
    }

    [Fact]
    public async Task TryReplace_under_the_stored_version_replaces_and_under_a_stale_one_is_false()
    {
        var tenant = NewTenant();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1"), default).Within();

        Assert.True(await _records.TryReplaceAsync(tenant, StoredRecords.Make(tenant, "stu-1", version: 2, plain: Plain("8")), 1, default).Within());
        Assert.False(await _records.TryReplaceAsync(tenant, StoredRecords.Make(tenant, "stu-1", version: 2, plain: Plain("stale")), 1, default).Within());

        var found = await _records.FindAsync(tenant, "students", "stu-1", default).Within();
        Assert.Equal((2L, new StringValue("8")), (found!.Version, found.Plain["grade_level"]));
    }

    [Fact]
    public async Task TryReplace_of_a_missing_record_is_false_and_creates_nothing()
    {
        var tenant = NewTenant();

        Assert.False(await _records.TryReplaceAsync(tenant, StoredRecords.Make(tenant, "stu-1", version: 2), 1, default).Within());

        Assert.Null(await _records.FindAsync(tenant, "students", "stu-1", default).Within());
    }

    [Fact]
    public async Task TryDelete_with_the_wrong_version_is_false_and_with_the_right_one_deletes()
    {
        var tenant = NewTenant();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1"), default).Within();

        Assert.False(await _records.TryDeleteAsync(tenant, "students", "stu-1", 2, default).Within());
        Assert.NotNull(await _records.FindAsync(tenant, "students", "stu-1", default).Within());
        Assert.True(await _records.TryDeleteAsync(tenant, "students", "stu-1", 1, default).Within());
        Assert.Null(await _records.FindAsync(tenant, "students", "stu-1", default).Within());
        Assert.False(await _records.TryDeleteAsync(tenant, "students", "stu-1", 0, default).Within());
    }

    [Fact]
    public async Task TryDelete_with_version_0_deletes_whatever_the_version()
    {
        var tenant = NewTenant();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1", version: 7), default).Within();

        Assert.True(await _records.TryDeleteAsync(tenant, "students", "stu-1", 0, default).Within());
    }

    [Fact]
    public async Task Find_and_delete_with_another_tenant_id_see_nothing()
    {
        var owner = NewTenant();
        var other = NewTenant();
        await _records.TryInsertAsync(owner, StoredRecords.Make(owner, "stu-1"), default).Within();

        Assert.Null(await _records.FindAsync(other, "students", "stu-1", default).Within());
        Assert.False(await _records.TryDeleteAsync(other, "students", "stu-1", 0, default).Within());
        Assert.NotNull(await _records.FindAsync(owner, "students", "stu-1", default).Within());
    }

    [Fact]
    public async Task Calls_without_a_tenant_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _records.FindAsync("", "students", "stu-1", default));
        await Assert.ThrowsAsync<ArgumentException>(() => _records.TryDeleteAsync("", "students", "stu-1", 0, default));
        await Assert.ThrowsAsync<ArgumentException>(() => _records.QueryAsync("", Query(), default));
    }

    [Fact]
    public async Task Query_filters_by_tenant_always()
    {
        var first = NewTenant();
        var second = NewTenant();
        foreach (var tenant in new[] { first, second })
        {
            foreach (var id in new[] { "stu-1", "stu-2" })
            {
                await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, id, blindIndexes: [[1, 2, 3]]), default).Within();
            }
        }

        var all = await _records.QueryAsync(first, Query(), default).Within();
        var byPlain = await _records.QueryAsync(first, Query(plain: [new("grade_level", new StringValue("7"))]), default).Within();
        var byToken = await _records.QueryAsync(first, Query(tokens: [[1, 2, 3]]), default).Within();
        var bySubject = await _records.QueryAsync(first, Query(subject: "subj-stu-2"), default).Within();

        Assert.Equal(["stu-1", "stu-2"], all.Select(r => r.RecordId));
        Assert.Equal(["stu-1", "stu-2"], byPlain.Select(r => r.RecordId));
        Assert.Equal(["stu-1", "stu-2"], byToken.Select(r => r.RecordId));
        Assert.Equal(["stu-2"], bySubject.Select(r => r.RecordId));
        Assert.All(all.Concat(byPlain).Concat(byToken).Concat(bySubject), r => Assert.Equal(first, r.TenantId));
    }

    [Fact]
    public async Task Query_matches_every_condition_at_once_within_one_collection()
    {
        var tenant = NewTenant();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1", blindIndexes: [[1], [2]]), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-2", plain: Plain("8"), blindIndexes: [[1]]), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-3", blindIndexes: [[1]]), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1", collection: "staff", blindIndexes: [[1], [2]]), default).Within();

        var both = await _records.QueryAsync(tenant, Query(plain: [new("grade_level", new StringValue("7"))], tokens: [[1], [2]]), default).Within();
        var plainOnly = await _records.QueryAsync(tenant, Query(plain: [new("grade_level", new StringValue("7"))]), default).Within();

        Assert.Equal(["stu-1"], both.Select(r => r.RecordId));
        Assert.Equal(["stu-1", "stu-3"], plainOnly.Select(r => r.RecordId));
        Assert.All(both.Concat(plainOnly), r => Assert.Equal("students", r.Collection));
    }

    [Fact]
    public async Task Query_on_a_string_list_matches_a_contained_item()
    {
        var tenant = NewTenant();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "gua-1", collection: "guardians",
            plain: new Dictionary<string, FieldValue> { ["student_ids"] = new StringListValue(["stu-1", "stu-2"]) }), default).Within();

        var found = await _records.QueryAsync(tenant,
            Query(collection: "guardians", plain: [new("student_ids", new StringValue("stu-2"))]), default).Within();

        Assert.Equal(["gua-1"], found.Select(r => r.RecordId));
    }

    [Fact]
    public async Task Query_pages_by_after_record_id_in_record_id_order()
    {
        var tenant = NewTenant();
        foreach (var id in new[] { "stu-3", "stu-1", "stu-5", "stu-2", "stu-4" })
        {
            await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, id), default).Within();
        }

        var pages = new List<string[]>();
        string? after = null;
        for (var i = 0; i < 4; i++)
        {
            var page = await _records.QueryAsync(tenant, Query(after: after, limit: 2), default).Within();
            pages.Add(page.Select(r => r.RecordId).ToArray());
            after = page.Count > 0 ? page[^1].RecordId : after;
        }

        Assert.Equal([["stu-1", "stu-2"], ["stu-3", "stu-4"], ["stu-5"], []], pages);
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];

    private static Dictionary<string, FieldValue> Plain(string gradeLevel) => new() { ["grade_level"] = new StringValue(gradeLevel) };

    private static RecordQuery Query(
        string collection = "students", string? subject = null, KeyValuePair<string, FieldValue>[]? plain = null, byte[][]? tokens = null,
        string? after = null, int limit = 50) =>
        new(collection, subject, plain ?? [], tokens ?? [], after, limit);
}
