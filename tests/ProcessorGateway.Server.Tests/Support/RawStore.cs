using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>What the gateway actually stored, read straight from MongoDB, bypassing the gateway.</summary>
internal sealed class RawStore(GatewayFixture gateway)
{
    public IMongoCollection<BsonDocument> Records => gateway.MongoDatabase.GetCollection<BsonDocument>("records");

    public IMongoCollection<BsonDocument> IdempotencyKeys => gateway.MongoDatabase.GetCollection<BsonDocument>("idempotency_keys");

    public IMongoCollection<BsonDocument> Schemas => gateway.MongoDatabase.GetCollection<BsonDocument>("schemas");

    public IMongoCollection<BsonDocument> Tenants => gateway.MongoDatabase.GetCollection<BsonDocument>("tenants");

    public IMongoCollection<BsonDocument> Keys => gateway.MongoKeyVaultDatabase.GetCollection<BsonDocument>("keys");

    public static BsonDocument RecordFilter(string tenantId, string collection, string recordId) =>
        new() { { "t", tenantId }, { "c", collection }, { "r", recordId } };

    public async Task<BsonDocument?> RecordAsync(string tenantId, string collection, string recordId) =>
        await Records.Find(RecordFilter(tenantId, collection, recordId)).FirstOrDefaultAsync();

    public Task<long> CountRecordsAsync(string tenantId, string? collection = null) =>
        Records.CountDocumentsAsync(collection is null ? new BsonDocument("t", tenantId) : new BsonDocument { { "t", tenantId }, { "c", collection } });

    public async Task<List<string>> RecordIdsAsync(string tenantId, string collection) =>
        (await Records.Find(new BsonDocument { { "t", tenantId }, { "c", collection } }).ToListAsync())
            .Select(d => d["r"].AsString).Order(StringComparer.Ordinal).ToList();

    public async Task<BsonDocument?> IdempotencyAsync(string tenantId, string key) =>
        await IdempotencyKeys.Find(new BsonDocument { { "t", tenantId }, { "k", key } }).FirstOrDefaultAsync();

    /// <summary>
    /// Everything a rejected call could have written: the size of every collection, and the tenant's
    /// records in full. Two equal snapshots mean nothing was written in between.
    /// </summary>
    public async Task<string> SnapshotAsync(string tenantId)
    {
        var all = FilterDefinition<BsonDocument>.Empty;
        var tenants = await Tenants.CountDocumentsAsync(all);
        var schemas = await Schemas.CountDocumentsAsync(all);
        var keys = await Keys.CountDocumentsAsync(all);
        var idempotencyKeys = await IdempotencyKeys.CountDocumentsAsync(all);
        var records = await Records.CountDocumentsAsync(all);
        var tenantRecords = await Records.Find(new BsonDocument("t", tenantId)).Sort(new BsonDocument("_id", 1)).ToListAsync();
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"tenants={tenants} schemas={schemas} keys={keys} idempotency_keys={idempotencyKeys} records={records}");
        return counts + "\n" + string.Join('\n', tenantRecords.Select(r => r.ToJson()));
    }
}
