using MongoDB.Bson;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Tests;

public sealed class IndexInitializerTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    [Fact]
    public async Task Creating_every_index_again_is_idempotent()
    {
        // The fixture created them once already, as start-up does; a second replica starting does it again.
        await storage.Indexes.CreateAllAsync(default).Within();
        await storage.Indexes.StartAsync(default).Within();

        var names = await (await storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Records).Indexes.ListAsync()).ToListAsync();
        var order = Assert.Single(names, i => i["name"] == "tenant_collection_record_order");
        Assert.Equal(new BsonDocument { { "t", 1 }, { "c", 1 }, { "r", 1 } }, order["key"].AsBsonDocument);

        // The _id makes a record unique; a second unique index would only cost every write a check.
        Assert.DoesNotContain(names, i => i["name"] != "_id_" && i.GetValue("unique", false).ToBoolean());
    }

    [Fact]
    public async Task Every_index_leads_with_the_tenant_id()
    {
        foreach (var (database, collection) in new[]
        {
            (storage.Context.Database, MongoContext.Records),
            (storage.Context.Database, MongoContext.Schemas),
            (storage.Context.KeyVaultDatabase, MongoContext.Keys),
        })
        {
            var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
            var ours = indexes.Where(i => i["name"] != "_id_").ToList();
            Assert.NotEmpty(ours);
            Assert.All(ours, i => Assert.Equal("t", i["key"].AsBsonDocument.GetElement(0).Name));
        }
    }

    [Fact]
    public async Task The_unique_schema_index_refuses_a_second_document_for_the_same_version()
    {
        var schemas = storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Schemas);
        var tenant = $"t-{Guid.NewGuid():N}"[..16];
        await schemas.InsertOneAsync(new BsonDocument { { "_id", "first" + tenant }, { "t", tenant }, { "c", "students" }, { "v", 1 } });

        var error = await Assert.ThrowsAnyAsync<MongoException>(() =>
            schemas.InsertOneAsync(new BsonDocument { { "_id", "second" + tenant }, { "t", tenant }, { "c", "students" }, { "v", 1 } }));

        Assert.True(MongoErrors.IsDuplicateKey(error), error.ToString());
    }
}
