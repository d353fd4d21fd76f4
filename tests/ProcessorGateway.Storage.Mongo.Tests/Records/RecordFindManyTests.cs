using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

public sealed class RecordFindManyTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private readonly MongoRecordRepository _records = new(storage.Context);

    [Fact]
    public async Task FindMany_returns_the_named_records_that_exist_in_any_collection_of_the_tenant_only()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..16];
        var other = $"t-{Guid.NewGuid():N}"[..16];
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-1", version: 3), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "att-1", collection: "attendance"), default).Within();
        await _records.TryInsertAsync(tenant, StoredRecords.Make(tenant, "stu-2"), default).Within();
        await _records.TryInsertAsync(other, StoredRecords.Make(other, "stu-9"), default).Within();

        var found = await _records.FindManyAsync(tenant, [("students", "stu-1"), ("attendance", "att-1"), ("students", "missing"), ("students", "stu-9"), ("students", "stu-1")], default)
            .Within();

        Assert.Equal([("attendance", "att-1", 1L), ("students", "stu-1", 3L)], found.Select(r => (r.Collection, r.RecordId, r.Version)).Order());
        Assert.Equal(new byte[] { 1, 2, 3, 3 }, found.Single(r => r.RecordId == "stu-1").Encrypted["full_name"]);
    }
}
