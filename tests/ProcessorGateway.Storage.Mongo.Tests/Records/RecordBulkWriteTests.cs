using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Values;
using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

/// <summary>
/// <see cref="MongoRecordRepository.TryWriteManyAsync"/>: one bulk write whose per-write answer is exact, whether the
/// server reports the writes one by one (MongoDB) or refuses a bulk with a duplicate as a whole (the development server).
/// </summary>
public sealed class RecordBulkWriteTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private readonly MongoRecordRepository _records = new(storage.Context);

    [Fact]
    public async Task New_records_all_land_and_read_back_as_written()
    {
        var tenant = NewTenant();
        var writes = Enumerable.Range(0, 5).Select(i => (StoredRecords.Make(tenant, $"stu-{i}", plain: Plain($"new-{i}")), 0L)).ToList();

        var landed = await _records.TryWriteManyAsync(tenant, writes, default).Within();

        Assert.Equal([true, true, true, true, true], landed);
        for (var i = 0; i < 5; i++)
        {
            var found = await _records.FindAsync(tenant, "students", $"stu-{i}", default).Within();
            Assert.Equal((1L, new StringValue($"new-{i}")), (found!.Version, found.Plain["grade_level"]));
        }
    }

    [Fact]
    public async Task Replacements_under_the_stored_versions_all_land_and_keep_the_creation_time()
    {
        var tenant = NewTenant();
        for (var i = 0; i < 4; i++)
        {
            await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, $"stu-{i}"), default).Within();
        }

        var writes = Enumerable.Range(0, 4)
            .Select(i => (StoredRecords.Make(tenant, $"stu-{i}", version: 2, plain: Plain($"replaced-{i}")) with { CreatedAt = StoredRecords.CreatedAt.AddDays(9) }, 1L))
            .ToList();

        var landed = await _records.TryWriteManyAsync(tenant, writes, default).Within();

        Assert.Equal([true, true, true, true], landed);
        for (var i = 0; i < 4; i++)
        {
            var found = await _records.FindAsync(tenant, "students", $"stu-{i}", default).Within();
            Assert.Equal((2L, new StringValue($"replaced-{i}"), StoredRecords.CreatedAt), (found!.Version, found.Plain["grade_level"], found.CreatedAt));
        }
    }

    [Fact]
    public async Task A_stale_version_a_missing_record_and_a_kept_record_are_reported_unwritten_and_the_rest_land()
    {
        var tenant = NewTenant();
        await SeedAsync(tenant);

        var landed = await _records.TryWriteManyAsync(tenant,
        [
            (StoredRecords.Make(tenant, "new", plain: Plain("written")), 0),
            (StoredRecords.Make(tenant, "stale", version: 2, plain: Plain("written")), 1),
            (StoredRecords.Make(tenant, "kept", version: 2, plain: Plain("written")), 1),
            (StoredRecords.Make(tenant, "current", version: 2, plain: Plain("written")), 1),
            (StoredRecords.Make(tenant, "missing", version: 2, plain: Plain("written")), 1),
        ], default).Within();

        Assert.Equal([true, false, false, true, false], landed);
        Assert.Equal((1L, "written"), await StoredAsync(tenant, "new"));
        Assert.Equal((2L, "written"), await StoredAsync(tenant, "current"));
        Assert.Equal((3L, "seeded"), await StoredAsync(tenant, "stale"));
        Assert.Equal((1L, "seeded"), await StoredAsync(tenant, "kept"));
        Assert.Null(await _records.FindAsync(tenant, "students", "missing", default).Within());
    }

    [Fact]
    public async Task With_a_duplicate_insert_among_them_each_write_is_reported_landed_exactly_when_it_did()
    {
        var tenant = NewTenant();
        await SeedAsync(tenant);
        (StoredRecord Record, long ExpectedVersion)[] writes =
        [
            (StoredRecords.Make(tenant, "new-1", plain: Plain("written")), 0),
            (StoredRecords.Make(tenant, "current", plain: Plain("written")), 0),
            (StoredRecords.Make(tenant, "stale", version: 2, plain: Plain("written")), 1),
            (StoredRecords.Make(tenant, "kept", version: 2, plain: Plain("written")), 1),
            (StoredRecords.Make(tenant, "current", version: 2, plain: Plain("written")), 1),
            (StoredRecords.Make(tenant, "new-2", plain: Plain("written")), 0),
        ];

        var landed = await _records.TryWriteManyAsync(tenant, writes, default).Within();

        // MongoDB writes the good ones and reports the rest; the development server writes none of the inserts.
        // Either way: what was reported landed is stored as written, and nothing else was written.
        Assert.Equal([false, false, false], new[] { landed[1], landed[2], landed[3] });
        Assert.Equal((3L, "seeded"), await StoredAsync(tenant, "stale"));
        Assert.Equal((1L, "seeded"), await StoredAsync(tenant, "kept"));
        Assert.Equal(landed[4] ? (2L, "written") : (1L, "seeded"), await StoredAsync(tenant, "current"));
        foreach (var (i, id) in new[] { (0, "new-1"), (5, "new-2") })
        {
            var found = await _records.FindAsync(tenant, "students", id, default).Within();
            Assert.Equal(landed[i], found is not null);
        }
    }

    [Fact]
    public async Task Nothing_to_write_is_an_empty_answer_and_a_record_of_another_tenant_is_refused()
    {
        var tenant = NewTenant();

        Assert.Empty(await _records.TryWriteManyAsync(tenant, [], default).Within());
        await Assert.ThrowsAsync<ArgumentException>(() => _records.TryWriteManyAsync(NewTenant(), [(StoredRecords.Make(tenant, "stu-1"), 0)], default));
        Assert.Null(await _records.FindAsync(tenant, "students", "stu-1", default).Within());
    }

    /// <summary>"current" at version 1, "stale" at 3, and "kept" at 1 kept by an erasure: all with grade level "seeded".</summary>
    private async Task SeedAsync(string tenant)
    {
        var retention = new RecordRetention(new KeyReference(Guid.NewGuid(), 1), "req-1", [new RetentionGround("hold:h1", "court order", null)]);
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "current", plain: Plain("seeded")), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stale", version: 3, plain: Plain("seeded")), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "kept", plain: Plain("seeded")) with { Retention = retention }, default).Within();
    }

    private async Task<(long Version, string GradeLevel)> StoredAsync(string tenant, string recordId)
    {
        var found = await _records.FindAsync(tenant, "students", recordId, default).Within() ?? throw new InvalidOperationException($"{recordId} is not stored");
        return (found.Version, ((StringValue)found.Plain["grade_level"]).Value);
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];

    private static Dictionary<string, FieldValue> Plain(string gradeLevel) => new() { ["grade_level"] = new StringValue(gradeLevel) };
}
