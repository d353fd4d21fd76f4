using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Retention;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;
using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

public sealed class RetentionStoreTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private readonly MongoRecordRepository _records = new(storage.Context);
    private readonly MongoRetentionStore _store = new(storage.Context);

    [Fact]
    public async Task Due_records_are_those_started_at_or_before_the_cutoff_holding_the_field_in_start_order_after_the_position()
    {
        var tenant = NewTenant();
        foreach (var (id, minutes) in new[] { ("r-b", 0), ("r-a", 0), ("r-late", 10) })
        {
            var record = StoredRecords.Make(tenant, id) with { CreatedAt = StoredRecords.CreatedAt.AddMinutes(minutes) };
            Assert.True(await _records.TryInsertAsync(tenant, record, default).Within());
        }

        var query = new DueQuery("students", RetentionStart.RecordCreated, null, StoredRecords.CreatedAt.AddMinutes(5), "full_name", false, null, 10);
        Assert.Equal(["r-a", "r-b"], (await _store.ListDueAsync(tenant, query, default).Within()).Select(r => r.RecordId));
        Assert.Equal(2, await _store.CountDueAsync(tenant, query, default).Within());
        Assert.Empty(await _store.ListDueAsync(tenant, query with { Field = "nickname" }, default).Within());
        Assert.Equal(["r-b"], (await _store.ListDueAsync(tenant, query with { After = new DuePosition(StoredRecords.CreatedAt, "r-a") }, default).Within())
            .Select(r => r.RecordId));
        Assert.Empty(await _store.ListDueAsync(NewTenant(), query, default).Within());
    }

    [Fact]
    public async Task A_date_field_counts_only_where_the_record_holds_a_timestamp()
    {
        var tenant = NewTenant();
        var ended = StoredRecords.Make(tenant, "r-ended", plain: new Dictionary<string, FieldValue> { ["ended_at"] = new TimestampValue(StoredRecords.CreatedAt) });
        Assert.True(await _records.TryInsertAsync(tenant, ended, default).Within());
        Assert.True(await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "r-open"), default).Within());

        var query = new DueQuery("students", RetentionStart.DateField, "ended_at", StoredRecords.CreatedAt.AddDays(1), null, false, null, 10);

        Assert.Equal(["r-ended"], (await _store.ListDueAsync(tenant, query, default).Within()).Select(r => r.RecordId));
    }

    [Fact]
    public async Task Erasing_fields_is_conditional_on_the_version_and_leaves_the_rest_of_the_record()
    {
        var tenant = NewTenant();
        var record = StoredRecords.Make(tenant, "r-1", blindIndexes: [[9, 9], [8, 8]]);
        Assert.True(await _records.TryInsertAsync(tenant, record, default).Within());

        Assert.True(await _store.TryEraseFieldsAsync(tenant, "students", "r-1", 1, ["full_name"], [[8, 8]], [], default).Within());
        Assert.False(await _store.TryEraseFieldsAsync(tenant, "students", "r-1", 1, ["grade_level"], [], [], default).Within());

        var stored = await storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Records)
            .Find(new BsonDocument { { "t", tenant }, { "r", "r-1" } }).SingleAsync().Within();
        Assert.Equal(2, stored["v"].AsInt64);
        Assert.Empty(stored["e"].AsBsonDocument.Names);
        Assert.Equal(["grade_level"], stored["p"].AsBsonDocument.Names);
        Assert.Equal(new byte[] { 8, 8 }, Assert.Single(stored["bi"].AsBsonArray).AsByteArray);
        Assert.Equal(record.UpdatedAt.UtcDateTime, stored["ua"].ToUniversalTime());
    }

    [Fact]
    public async Task The_job_queries_have_tenant_first_indexes()
    {
        var indexes = await (await storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Records).Indexes.ListAsync()).ToListAsync().Within();
        Assert.Equal(new BsonDocument { { "t", 1 }, { "c", 1 }, { "ca", 1 }, { "r", 1 } }, Assert.Single(indexes, i => i["name"] == "tenant_collection_created")["key"]);
        Assert.Equal(new BsonDocument { { "t", 1 }, { "c", 1 }, { "ua", 1 }, { "r", 1 } }, Assert.Single(indexes, i => i["name"] == "tenant_collection_updated")["key"]);
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];
}
