using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

/// <summary>Name-prefix tokens: stored in one array per record, matched all at once, removed with the blind indexes.</summary>
public sealed class NameTokenStorageTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private readonly MongoRecordRepository _records = new(storage.Context);
    private readonly MongoRetentionStore _retention = new(storage.Context);

    [Fact]
    public async Task A_query_matches_records_holding_every_name_token_and_reads_them_back()
    {
        var tenant = NewTenant();
        await InsertAsync(tenant, "stu-1", [[1], [2], [3]]);
        await InsertAsync(tenant, "stu-2", [[1], [3]]);
        await InsertAsync(tenant, "stu-3", []);
        await InsertAsync(NewTenant(), "stu-1", [[1], [2]]);

        var both = await _records.QueryAsync(tenant, Query([[1], [2]]), default).Within();
        var one = await _records.QueryAsync(tenant, Query([[3]]), default).Within();

        Assert.Equal(["stu-1"], both.Select(r => r.RecordId));
        Assert.Equal([[1], [2], [3]], both[0].NameTokens);
        Assert.Equal(["stu-1", "stu-2"], one.Select(r => r.RecordId));
    }

    [Fact]
    public async Task A_record_without_name_tokens_stores_no_token_array_and_a_replace_without_them_removes_it()
    {
        var tenant = NewTenant();
        await InsertAsync(tenant, "stu-1", []);
        await InsertAsync(tenant, "stu-2", [[4]]);

        Assert.False((await RawAsync(tenant, "stu-1")).Contains("nt"));
        Assert.True(await _records.TryReplaceAsync(tenant, StoredRecords.Make(tenant, "stu-2", version: 2), 1, default).Within());
        Assert.False((await RawAsync(tenant, "stu-2")).Contains("nt"));
        Assert.Empty((await _records.FindAsync(tenant, "students", "stu-2", default).Within())!.NameTokens);
    }

    [Fact]
    public async Task Removing_a_subjects_blind_indexes_removes_its_name_tokens_and_leaves_other_subjects_alone()
    {
        var tenant = NewTenant();
        await InsertAsync(tenant, "stu-1", [[5]]);
        await InsertAsync(tenant, "stu-2", [[5]]);

        await _records.RemoveBlindIndexesAsync(tenant, "subj-stu-1", default).Within();

        Assert.Equal(["stu-2"], (await _records.QueryAsync(tenant, Query([[5]]), default).Within()).Select(r => r.RecordId));
        Assert.False((await RawAsync(tenant, "stu-1")).Contains("nt"));
    }

    [Fact]
    public async Task Erasing_a_field_leaves_the_name_tokens_it_is_given()
    {
        var tenant = NewTenant();
        await InsertAsync(tenant, "stu-1", [[6], [7]]);

        Assert.True(await _retention.TryEraseFieldsAsync(tenant, "students", "stu-1", 1, ["full_name"], [], [[7]], default).Within());
        Assert.True(await _retention.TryEraseFieldsAsync(tenant, "students", "stu-1", 2, ["grade_level"], [], [], default).Within());

        Assert.False((await RawAsync(tenant, "stu-1")).Contains("nt"));
    }

    [Fact]
    public async Task The_name_token_index_leads_with_the_tenant_and_holds_only_records_with_tokens()
    {
        var indexes = await (await storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Records).Indexes.ListAsync()).ToListAsync().Within();

        var index = Assert.Single(indexes, i => i["name"] == "tenant_collection_nametokens");
        Assert.Equal(new BsonDocument { { "t", 1 }, { "c", 1 }, { "nt", 1 }, { "r", 1 } }, index["key"]);
        Assert.Equal(new BsonDocument("nt", new BsonDocument("$exists", true)), index["partialFilterExpression"]);
    }

    private Task<bool> InsertAsync(string tenant, string id, byte[][] nameTokens) =>
        _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, id) with { NameTokens = nameTokens }, default).Within();

    private Task<BsonDocument> RawAsync(string tenant, string id) =>
        storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Records).Find(new BsonDocument { { "t", tenant }, { "r", id } }).SingleAsync().Within();

    private static RecordQuery Query(byte[][] nameTokens) => new("students", null, [], [], null, 50) { NameTokens = nameTokens };

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];
}
